package io.fnorders.launcher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Malformed and hostile requests for every HTTP function of a service, made from a seed so a
 * failure can be replayed: wrong methods and paths, percent-escapes valid and not, bodies that
 * are not JSON, JSON of the wrong shape, numbers beyond any range, charsets other than UTF-8,
 * oversized bodies and headers. They go over a plain socket, byte for byte, since an HTTP client
 * library refuses to send many of them.
 */
final class HttpFuzz {

	private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS");

	private static final List<String> CONTENT_TYPES = List.of("", "application/json",
			"application/json; charset=ISO-8859-1", "application/json; charset=latin1", "application/json;charset=UTF-16",
			"application/json; charset=bogus-42", "application/json; charset=\"utf-8\"", "text/plain",
			"application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/vnd.api+json",
			"application/*", "/;;", "application/json; charset=");

	private static final List<String> ARGUMENTS = List.of("", "x", "alice%40example.com", "%zz", "%", "%00", "%2e%2e",
			"a%2Fb", "..", "%E2%82%AC", "%C3%28", "a b", "%20", "MUG-1", "99999999999999999999", "-1", "NaN", "null",
			"a:b", "%3Cscript%3E", "x".repeat(3000));

	private static final List<String> FIELDS = List.of("customerId", "sku", "quantity", "orderId", "reason", "name",
			"description", "category", "price", "currency");

	private static final List<String> VALUES = List.of("{}", "[]", "null", "true", "\"\"", "\" \"", "0", "-1",
			"1E2147483647", "1E-2147483647", "-1E2147483647", "1e400", "99999999999999999999999999", "1.5", "NaN",
			"\"x\"", "\"%s\"".formatted("y".repeat(5000)), "\"\\u0000\"", "\"MUG-1\"", "2", "12.50", "\"EUR\"",
			"\"ZZZ\"", "[1,2,3]", "{\"a\":{\"b\":{}}}", "\"a:b\"", "\"\\ud800\"");

	private final Random random;

	private final Map<String, List<String>> exposed;

	private final List<String> authorizations;

	/**
	 * @param exposed the service's functions per method ({@link ExposedFunctions#of})
	 * @param authorizations {@code Authorization} headers to send, one picked per request (or
	 * none): callers of every kind, signed in or not, valid or not
	 */
	HttpFuzz(Map<String, List<String>> exposed, List<String> authorizations, long seed) {
		this.exposed = exposed;
		this.authorizations = List.copyOf(authorizations);
		this.random = new Random(seed);
	}

	/** One request, as written on the wire, and what it was. */
	record Attempt(String method, String target, Map<String, String> headers, byte[] body) {

		String describe() {
			String text = new String(this.body, StandardCharsets.ISO_8859_1);
			return this.method + " " + abbreviate(this.target) + " " + this.headers + " "
					+ abbreviate(text.replaceAll("\\s+", " "));
		}

		private static String abbreviate(String text) {
			return (text.length() <= 120) ? text : text.substring(0, 117) + "...";
		}

	}

	/** What came back. */
	record Answer(int status, Map<String, String> headers, String body) {
	}

	/** The next request. */
	Attempt next() {
		List<String> functions = this.exposed.values().stream().flatMap(List::stream).toList();
		String function = pick(functions);
		if (this.random.nextInt(10) == 0) {
			function = pick(List.of("functionRouter", "streamBridge", "reserveStock", "notify", "actuator/prometheus/x",
					"actuator/env", "error", "", "x".repeat(300)));
		}
		String method = (this.random.nextInt(3) == 0) ? pick(METHODS) : methodOf(function);
		String target = "/" + function;
		if (this.random.nextBoolean()) {
			target += "/" + pick(ARGUMENTS);
		}
		if (this.random.nextInt(6) == 0) {
			target += "?" + pick(List.of("q=%zz", "a=1&a=2", "x=" + "y".repeat(500), "%", "cursor=-1"));
		}
		Map<String, String> headers = new LinkedHashMap<>();
		if (!this.authorizations.isEmpty() && this.random.nextInt(5) != 0) {
			headers.put("Authorization", pick(this.authorizations));
		}
		if (this.random.nextInt(8) == 0) {
			headers.put(pick(List.of("Fnorders-Customer", "fnorders-email")), pick(List.of("x", "admin", "a@b.c")));
		}
		String contentType = pick(CONTENT_TYPES);
		if (!contentType.isEmpty()) {
			headers.put("Content-Type", contentType);
		}
		if (this.random.nextInt(4) == 0) {
			headers.put("Idempotency-Key", pick(List.of("", " ", "k-" + this.random.nextInt(1000), "x".repeat(300),
					"a:b", "\u00e9")));
		}
		if (this.random.nextInt(5) == 0) {
			headers.put("Accept", pick(List.of("application/xml", "*/*", "application/json", "text/html",
					"application/json;q=0", "bogus")));
		}
		byte[] body = method.equals("GET") && this.random.nextInt(4) != 0 ? new byte[0] : body(contentType);
		return new Attempt(method, target, headers, body);
	}

	private String methodOf(String function) {
		for (Map.Entry<String, List<String>> entry : this.exposed.entrySet()) {
			if (entry.getValue().contains(function)) {
				return entry.getKey().toUpperCase(Locale.ROOT);
			}
		}
		return "GET";
	}

	private byte[] body(String contentType) {
		String json = switch (this.random.nextInt(9)) {
			case 0 -> "";
			case 1 -> pick(List.of("{", "{\"a\":", "not json", "[", "\"", "{\"a\":1,}", "{'a':1}", "\u0000"));
			case 2 -> pick(VALUES);
			case 3 -> "[".repeat(2000) + "]".repeat(2000);
			case 4 -> "{\"customerId\":\"" + "z".repeat(70_000) + "\"}";
			default -> object();
		};
		if (contentType.contains("ISO-8859-1") || contentType.contains("latin1")) {
			return (json + (this.random.nextBoolean() ? "" : " ")).replace("\"x\"", "\"caf\u00e9\"")
				.getBytes(StandardCharsets.ISO_8859_1);
		}
		if (contentType.contains("UTF-16")) {
			return json.getBytes(StandardCharsets.UTF_16);
		}
		if (this.random.nextInt(12) == 0) {
			byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
			byte[] broken = new byte[bytes.length + 2];
			System.arraycopy(bytes, 0, broken, 0, bytes.length);
			broken[bytes.length] = (byte) 0xC3;
			broken[bytes.length + 1] = (byte) 0x28;
			return broken;
		}
		return json.getBytes(StandardCharsets.UTF_8);
	}

	private String object() {
		StringBuilder json = new StringBuilder("{");
		int fields = this.random.nextInt(5);
		for (int i = 0; i < fields; i++) {
			if (i > 0) {
				json.append(',');
			}
			json.append('"').append(pick(FIELDS)).append("\":").append(pick(VALUES));
		}
		return json.append('}').toString();
	}

	private <T> T pick(List<T> choices) {
		return choices.get(this.random.nextInt(choices.size()));
	}

	/** Sends the request to localhost on a new connection and reads the whole answer. */
	static Answer send(int port, Attempt attempt) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
			socket.setSoTimeout(20_000);
			OutputStream out = socket.getOutputStream();
			StringBuilder head = new StringBuilder(attempt.method() + " " + attempt.target() + " HTTP/1.1\r\n");
			head.append("Host: localhost:").append(port).append("\r\nConnection: close\r\n");
			attempt.headers().forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
			head.append("Content-Length: ").append(attempt.body().length).append("\r\n\r\n");
			out.write(head.toString().getBytes(StandardCharsets.UTF_8));
			out.write(attempt.body());
			out.flush();
			return parse(socket.getInputStream().readAllBytes());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No answer to " + attempt.describe(), ex);
		}
	}

	private static Answer parse(byte[] raw) {
		int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 0);
		if (end < 0) {
			throw new IllegalStateException("Not an HTTP answer: " + new String(raw, StandardCharsets.ISO_8859_1));
		}
		String[] lines = new String(raw, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
		int status = Integer.parseInt(lines[0].split(" ")[1]);
		Map<String, String> headers = new LinkedHashMap<>();
		for (int i = 1; i < lines.length; i++) {
			int colon = lines[i].indexOf(':');
			headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
		}
		byte[] body = Arrays.copyOfRange(raw, end + 4, raw.length);
		if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
			body = dechunk(body);
		}
		return new Answer(status, headers, new String(body, StandardCharsets.UTF_8));
	}

	private static byte[] dechunk(byte[] chunked) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		byte[] lineEnd = "\r\n".getBytes(StandardCharsets.ISO_8859_1);
		int at = 0;
		while (at < chunked.length) {
			int sizeEnd = indexOf(chunked, lineEnd, at);
			if (sizeEnd < 0) {
				break;
			}
			String size = new String(chunked, at, sizeEnd - at, StandardCharsets.ISO_8859_1).strip().split(";")[0];
			int length = size.isEmpty() ? 0 : Integer.parseInt(size, 16);
			if (length == 0) {
				break;
			}
			out.write(chunked, sizeEnd + 2, Math.min(length, chunked.length - sizeEnd - 2));
			at = sizeEnd + 2 + length + 2;
		}
		return out.toByteArray();
	}

	private static int indexOf(byte[] data, byte[] pattern, int from) {
		for (int i = from; i <= data.length - pattern.length; i++) {
			int j = 0;
			while (j < pattern.length && data[i + j] == pattern[j]) {
				j++;
			}
			if (j == pattern.length) {
				return i;
			}
		}
		return -1;
	}

	/** What makes an answer a failure of the API: a 5xx, a refusal that is not problem+json, or internals in it. */
	static List<String> faultsOf(Answer answer) {
		List<String> faults = new ArrayList<>();
		if (answer.status() >= 500) {
			faults.add("status " + answer.status());
		}
		String type = answer.headers().getOrDefault("content-type", "");
		if (answer.status() >= 400 && !answer.body().isEmpty() && !type.startsWith("application/problem+json")) {
			faults.add("a refusal as " + type);
		}
		for (String internal : List.of("Exception", "java.", "tools.jackson", "org.springframework", "at io.fnorders")) {
			if (answer.body().contains(internal)) {
				faults.add("names " + internal);
			}
		}
		return faults;
	}

}
