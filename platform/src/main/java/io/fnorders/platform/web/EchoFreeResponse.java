package io.fnorders.platform.web;

import java.util.Collections;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * A response that drops every header a client sent in its request. Spring Cloud Function's web
 * adapter copies request headers into the response; this keeps them out (content negotiation
 * headers the server sets itself, such as {@code Content-Type}, still pass).
 */
final class EchoFreeResponse extends HttpServletResponseWrapper {

	private static final Set<String> SERVER_OWNED = Set.of("content-type", "content-length", "content-language",
			"transfer-encoding", "date", "vary");

	private final Set<String> requestHeaders;

	EchoFreeResponse(HttpServletRequest request, HttpServletResponse response) {
		super(response);
		this.requestHeaders = Collections.list(request.getHeaderNames())
			.stream()
			.map(name -> name.toLowerCase(Locale.ROOT))
			.filter(name -> !SERVER_OWNED.contains(name))
			// the attributes of a CloudEvent a function answers are its own, not echoes
			.filter(name -> !name.startsWith("ce-"))
			.collect(Collectors.toUnmodifiableSet());
	}

	private boolean echoed(String name) {
		return this.requestHeaders.contains(name.toLowerCase(Locale.ROOT));
	}

	/**
	 * A CloudEvent a function returns carries its attributes with the broker's prefix
	 * ({@code ce_type}); over HTTP, binary mode names them {@code ce-type}.
	 */
	private static String httpName(String name) {
		return name.startsWith("ce_") ? "ce-" + name.substring(3) : name;
	}

	@Override
	public void setHeader(String name, String value) {
		if (!echoed(name)) {
			super.setHeader(httpName(name), value);
		}
	}

	@Override
	public void addHeader(String name, String value) {
		if (!echoed(name)) {
			super.addHeader(httpName(name), value);
		}
	}

	@Override
	public void setIntHeader(String name, int value) {
		if (!echoed(name)) {
			super.setIntHeader(name, value);
		}
	}

	@Override
	public void addIntHeader(String name, int value) {
		if (!echoed(name)) {
			super.addIntHeader(name, value);
		}
	}

	@Override
	public void setDateHeader(String name, long value) {
		if (!echoed(name)) {
			super.setDateHeader(name, value);
		}
	}

	@Override
	public void addDateHeader(String name, long value) {
		if (!echoed(name)) {
			super.addDateHeader(name, value);
		}
	}

}
