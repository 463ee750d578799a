package io.fnorders.platform.web;

import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.cloud.function.web.constants.WebRequestConstants;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.util.UriUtils;

/**
 * Decodes the path argument of a function call ({@code /notifications/alice%40example.com} passes
 * {@code alice@example.com}). Spring Cloud Function's handler mapping hands the function the rest
 * of the path as it came, still percent-encoded; this runs after that mapping, before the
 * function. A path that is not validly encoded is a 400.
 */
final class FunctionArgumentDecoding implements HandlerInterceptor {

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (request.getAttribute(WebRequestConstants.ARGUMENT) instanceof String argument && argument.indexOf('%') >= 0) {
			try {
				request.setAttribute(WebRequestConstants.ARGUMENT, UriUtils.decode(argument, StandardCharsets.UTF_8));
			}
			catch (IllegalArgumentException ex) {
				throw new ProblemException(HttpStatus.BAD_REQUEST, "The path is not validly percent-encoded");
			}
		}
		return true;
	}

}
