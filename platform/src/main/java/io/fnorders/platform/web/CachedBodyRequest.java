package io.fnorders.platform.web;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;

/**
 * A request as the gate lets it through to a function: a body it read and checked once, served
 * from memory as {@code application/json} in UTF-8 whatever JSON type and charset the client
 * named; or, for a method without a body (GET, DELETE), no body and no {@code Content-Type},
 * which would mean nothing there but would still steer Spring Cloud Function's conversion of the
 * path argument.
 */
public final class CachedBodyRequest extends HttpServletRequestWrapper {

	private static final String JSON_UTF8 = "application/json;charset=UTF-8";

	private final byte[] body;

	private final @Nullable String contentType;

	private CachedBodyRequest(HttpServletRequest request, byte[] body, @Nullable String contentType) {
		super(request);
		this.body = body;
		this.contentType = contentType;
	}

	/** A request with this JSON body, in UTF-8. */
	public static CachedBodyRequest withJson(HttpServletRequest request, byte[] utf8) {
		return new CachedBodyRequest(request, utf8, JSON_UTF8);
	}

	/** A request without a body. */
	static CachedBodyRequest withoutBody(HttpServletRequest request) {
		return new CachedBodyRequest(request, new byte[0], null);
	}

	@Override
	public ServletInputStream getInputStream() {
		ByteArrayInputStream in = new ByteArrayInputStream(this.body);
		return new ServletInputStream() {

			@Override
			public int read() {
				return in.read();
			}

			@Override
			public int read(byte[] buffer, int offset, int length) {
				return in.read(buffer, offset, length);
			}

			@Override
			public boolean isFinished() {
				return in.available() == 0;
			}

			@Override
			public boolean isReady() {
				return true;
			}

			@Override
			public void setReadListener(ReadListener listener) {
				throw new UnsupportedOperationException("The cached body is read synchronously");
			}

		};
	}

	@Override
	public BufferedReader getReader() {
		return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
	}

	@Override
	public int getContentLength() {
		return this.body.length;
	}

	@Override
	public long getContentLengthLong() {
		return this.body.length;
	}

	@Override
	public @Nullable String getContentType() {
		return this.contentType;
	}

	@Override
	public @Nullable String getCharacterEncoding() {
		return (this.contentType != null) ? StandardCharsets.UTF_8.name() : null;
	}

	@Override
	public @Nullable String getHeader(String name) {
		if (HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name)) {
			return this.contentType;
		}
		if (HttpHeaders.CONTENT_LENGTH.equalsIgnoreCase(name)) {
			return String.valueOf(this.body.length);
		}
		return super.getHeader(name);
	}

	@Override
	public Enumeration<String> getHeaders(String name) {
		if (HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name) || HttpHeaders.CONTENT_LENGTH.equalsIgnoreCase(name)) {
			String value = getHeader(name);
			return Collections.enumeration((value != null) ? List.of(value) : List.of());
		}
		return super.getHeaders(name);
	}

	@Override
	public Enumeration<String> getHeaderNames() {
		List<String> names = new ArrayList<>(Collections.list(super.getHeaderNames()));
		if (this.contentType == null) {
			names.removeIf(name -> HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name));
		}
		return Collections.enumeration(names);
	}

}
