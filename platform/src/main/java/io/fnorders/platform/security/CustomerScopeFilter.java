package io.fnorders.platform.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.fnorders.errors.ForbiddenException;
import io.fnorders.platform.web.CachedBodyRequest;
import io.fnorders.platform.web.FunctionExposure;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.util.UriUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Hands a function the caller of a signed-in call and keeps customers on their own resources.
 * It runs after Spring Security has verified the token and after the HTTP gate has read the
 * body. Every request loses whatever the client sent as caller headers; a signed-in one gets the
 * token's subject and e-mail in them. For a customer function, the customer a request names (the
 * body's {@code customerId}, or the path argument of a function such as {@code /cart/<id>}) must
 * be the caller: another is a 403, because acting for someone else is never what a correct
 * client means, and answering with the caller's own data instead would hide its bug. A request
 * that names no customer acts for the caller.
 */
final class CustomerScopeFilter extends OncePerRequestFilter {

	private final Set<String> customerFunctions;

	private final Set<String> customerInPath;

	private final String customerField;

	private final JsonMapper json;

	private final HandlerExceptionResolver exceptionResolver;

	CustomerScopeFilter(AccessProperties access, JsonMapper json, HandlerExceptionResolver exceptionResolver) {
		this.customerFunctions = Set.copyOf(access.customer());
		this.customerInPath = Set.copyOf(access.customerInPath());
		this.customerField = access.customerField();
		this.json = json;
		this.exceptionResolver = exceptionResolver;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		HttpServletRequest scoped;
		try {
			scoped = scope(request);
		}
		catch (ForbiddenException refusal) {
			if (this.exceptionResolver.resolveException(request, response, null, refusal) == null) {
				throw new ServletException(refusal);
			}
			return;
		}
		chain.doFilter(scoped, response);
	}

	private HttpServletRequest scope(HttpServletRequest request) throws IOException {
		Jwt token = token();
		if (token == null) {
			return new CallerRequest(request, Map.of(), null);
		}
		String customer = token.getSubject();
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put(Caller.CUSTOMER, customer);
		String email = token.getClaimAsString("email");
		if (email != null && !email.isBlank()) {
			headers.put(Caller.EMAIL, email);
		}
		String path = request.getRequestURI().substring(request.getContextPath().length());
		String function = FunctionExposure.functionOf(path);
		if (!this.customerFunctions.contains(function)) {
			return new CallerRequest(request, headers, null);
		}
		String ownPath = null;
		if (this.customerInPath.contains(function)) {
			ownPath = ownPath(path, function, customer);
		}
		HttpServletRequest withBody = ownBody(request, customer);
		return new CallerRequest(withBody, headers, ownPath);
	}

	/** The path with the caller filled in when it names no customer; refused when it names another. */
	private static @Nullable String ownPath(String path, String function, String customer) {
		String argument = path.substring(Math.min(path.length(), function.length() + 1));
		if (argument.startsWith("/")) {
			argument = argument.substring(1);
		}
		if (argument.isEmpty()) {
			return "/" + function + "/" + UriUtils.encodePathSegment(customer, StandardCharsets.UTF_8);
		}
		String named;
		try {
			named = UriUtils.decode(argument, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			// the gate answers a path that is not validly encoded (400)
			return null;
		}
		if (!named.equals(customer)) {
			throw notYours();
		}
		return null;
	}

	/** The body with the caller filled in when it names no customer; refused when it names another. */
	private HttpServletRequest ownBody(HttpServletRequest request, String customer) throws IOException {
		if (!(request instanceof CachedBodyRequest) || request.getContentLengthLong() == 0) {
			return request;
		}
		byte[] body = request.getInputStream().readAllBytes();
		JsonNode tree = this.json.readTree(body);
		if (!(tree instanceof ObjectNode object)) {
			return CachedBodyRequest.withJson(request, body);
		}
		JsonNode named = object.get(this.customerField);
		if (named == null || named.isNull()) {
			object.put(this.customerField, customer);
			return CachedBodyRequest.withJson(request, this.json.writeValueAsBytes(object));
		}
		// one that is not text names nobody: the function refuses it as input that does not fit (400)
		if (named.isString() && !named.asString().equals(customer)) {
			throw notYours();
		}
		return CachedBodyRequest.withJson(request, body);
	}

	private static ForbiddenException notYours() {
		return new ForbiddenException("You may act only on your own cart, orders and notifications");
	}

	private static @Nullable Jwt token() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return (authentication != null && authentication.getPrincipal() instanceof Jwt jwt) ? jwt : null;
	}

}
