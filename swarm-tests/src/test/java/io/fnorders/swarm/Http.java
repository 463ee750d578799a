package io.fnorders.swarm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Map;

/**
 * JSON over HTTP/1.1 to one of the stack's published ports on this machine. No retries: a
 * request that fails is the answer the test looks at.
 */
final class Http {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final URI base;

	Http(int port) {
		this.base = URI.create("http://localhost:" + port);
	}

	HttpResponse<String> get(String path) {
		return get(path, Map.of());
	}

	HttpResponse<String> get(String path, Map<String, String> headers) {
		HttpRequest.Builder request = request(path).GET();
		headers.forEach(request::header);
		return send(request.build());
	}

	HttpResponse<String> post(String path, String json, Map<String, String> headers) {
		HttpRequest.Builder request = request(path).header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(json));
		headers.forEach(request::header);
		return send(request.build());
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(this.base.resolve(path)).timeout(TIMEOUT);
	}

	private HttpResponse<String> send(HttpRequest request) {
		try {
			return this.client.send(request, BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted: " + request.uri(), ex);
		}
	}

}
