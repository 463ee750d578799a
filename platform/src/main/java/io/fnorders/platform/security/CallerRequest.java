package io.fnorders.platform.security;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.jspecify.annotations.Nullable;

/**
 * A request as a function sees it: the caller headers ({@link Caller#CUSTOMER},
 * {@link Caller#EMAIL}) are the platform's own, whatever the client sent under those names, and the
 * path may name the caller where the client left the customer out.
 */
final class CallerRequest extends HttpServletRequestWrapper {

	private static final List<String> OWN = List.of(Caller.CUSTOMER, Caller.EMAIL);

	private final Map<String, String> callerHeaders;

	private final @Nullable String path;

	/**
	 * @param callerHeaders the caller headers to add, none for a call without a signed-in caller
	 * @param path the path within the application to show instead of the request's, if any
	 */
	CallerRequest(HttpServletRequest request, Map<String, String> callerHeaders, @Nullable String path) {
		super(request);
		this.callerHeaders = Map.copyOf(callerHeaders);
		this.path = path;
	}

	private static boolean isOwn(String name) {
		return OWN.stream().anyMatch(name::equalsIgnoreCase);
	}

	private @Nullable String ownValue(String name) {
		return this.callerHeaders.entrySet()
			.stream()
			.filter(header -> header.getKey().equalsIgnoreCase(name))
			.map(Map.Entry::getValue)
			.findFirst()
			.orElse(null);
	}

	@Override
	public @Nullable String getHeader(String name) {
		return isOwn(name) ? ownValue(name) : super.getHeader(name);
	}

	@Override
	public Enumeration<String> getHeaders(String name) {
		if (isOwn(name)) {
			String value = ownValue(name);
			return Collections.enumeration((value != null) ? List.of(value) : List.of());
		}
		return super.getHeaders(name);
	}

	@Override
	public Enumeration<String> getHeaderNames() {
		List<String> names = new ArrayList<>(Collections.list(super.getHeaderNames()));
		names.removeIf(CallerRequest::isOwn);
		names.addAll(this.callerHeaders.keySet());
		return Collections.enumeration(names);
	}

	@Override
	public String getRequestURI() {
		return (this.path != null) ? getContextPath() + this.path : super.getRequestURI();
	}

	@Override
	public StringBuffer getRequestURL() {
		if (this.path == null) {
			return super.getRequestURL();
		}
		StringBuffer url = new StringBuffer(getScheme()).append("://").append(getServerName());
		url.append(':').append(getServerPort()).append(getRequestURI());
		return url;
	}

	@Override
	public String getServletPath() {
		return (this.path != null) ? this.path : super.getServletPath();
	}

	@Override
	public @Nullable String getPathInfo() {
		return (this.path != null) ? null : super.getPathInfo();
	}

}
