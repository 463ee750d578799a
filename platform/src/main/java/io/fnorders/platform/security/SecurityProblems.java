package io.fnorders.platform.security;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * Spring Security's refusals as problem+json, with the {@code WWW-Authenticate} header of RFC 6750
 * that its bearer-token handlers set: 401 without a valid token, 403 for a caller whose roles do
 * not allow the function, and 503 with {@code Retry-After} when the issuer's keys cannot be
 * fetched to check a token (Spring Security would otherwise let that fail as a 500); and 400 for a
 * request its firewall refuses, a path with dot segments or encoded slashes among them (so a
 * proxy that routes by the normalised path can never reach a function it does not route).
 */
final class SecurityProblems
		implements AuthenticationEntryPoint, AccessDeniedHandler, AuthenticationFailureHandler, RequestRejectedHandler {

	private static final Logger log = LoggerFactory.getLogger(SecurityProblems.class);

	private final AuthenticationEntryPoint bearerEntryPoint = new BearerTokenAuthenticationEntryPoint();

	private final AccessDeniedHandler bearerAccessDenied = new BearerTokenAccessDeniedHandler();

	private final JsonMapper json;

	private final Duration retryAfter;

	SecurityProblems(JsonMapper json, Duration retryAfter) {
		this.json = json;
		this.retryAfter = retryAfter;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
			throws IOException, ServletException {
		this.bearerEntryPoint.commence(request, response, failure);
		String detail = (failure instanceof OAuth2AuthenticationException oauth)
				? "The bearer token is not valid: " + description(oauth)
				: "This function needs a signed-in caller: send 'Authorization: Bearer <access token>'";
		write(request, response, HttpStatus.UNAUTHORIZED, detail);
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
			throws IOException, ServletException {
		this.bearerAccessDenied.handle(request, response, denied);
		write(request, response, HttpStatus.FORBIDDEN, "Your account may not call this function");
	}

	/** A token that could not be checked is not the caller's fault: 503, not 401. */
	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException failure) throws IOException, ServletException {
		if (failure instanceof AuthenticationServiceException) {
			log.warn("A bearer token could not be checked: {}", failure.getMessage());
			response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, this.retryAfter.toSeconds())));
			write(request, response, HttpStatus.SERVICE_UNAVAILABLE,
					"The token issuer's keys cannot be fetched right now; retry shortly");
			return;
		}
		commence(request, response, failure);
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
			throws IOException, ServletException {
		log.debug("Request refused by the firewall: {}", rejected.getMessage());
		write(request, response, HttpStatus.BAD_REQUEST,
				"The request path is not in normal form (dot segments, doubled or encoded slashes, encoded dots) "
						+ "or holds characters that are not allowed");
	}

	private static String description(OAuth2AuthenticationException failure) {
		String description = failure.getError().getDescription();
		return (description != null && !description.isBlank()) ? description : failure.getError().getErrorCode();
	}

	private void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
			throws IOException, ServletException {
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", "about:blank");
		problem.put("title", status.getReasonPhrase());
		problem.put("status", status.value());
		problem.put("detail", detail);
		problem.put("instance", request.getRequestURI());
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		this.json.writeValue(response.getOutputStream(), problem);
	}

}
