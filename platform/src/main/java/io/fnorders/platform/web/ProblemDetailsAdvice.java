package io.fnorders.platform.web;

import java.util.Arrays;
import java.util.NoSuchElementException;

import io.fnorders.platform.messaging.UnavailableException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;

/**
 * Turns what a function throws into an {@code application/problem+json} answer. Functions signal
 * with plain JDK exceptions, so domain code needs no web types:
 * <ul>
 * <li>{@link IllegalArgumentException}: 400, the input is invalid (also JSON that does not fit the
 * function's input type);</li>
 * <li>{@link NoSuchElementException}: 404, the thing asked for does not exist;</li>
 * <li>{@link IllegalStateException}: 409, the request conflicts with the current state;</li>
 * <li>{@link UnavailableException}: 503, the broker or another service is unavailable;
 * nothing was changed that depends on it, and the client may retry. So is the data store
 * being unreachable or not answering in time ({@link DataAccessResourceFailureException},
 * {@link QueryTimeoutException}, {@link TransientDataAccessResourceException}), as while
 * Redis's task is replaced; the detail then names no host.</li>
 * </ul>
 * Anything else is a 500 with a generic detail; its stack trace goes to the log, never to the
 * client. Spring MVC's own exceptions (405, 415, ...) keep their statuses, as problem+json.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

	@ExceptionHandler(Exception.class)
	ResponseEntity<Object> handleFunctionFailure(Exception failure, WebRequest request) {
		if (isNoAnswer(failure)) {
			return ResponseEntity.accepted().build();
		}
		Throwable cause = classify(failure);
		HttpStatus status = statusOf(cause);
		if (status.is5xxServerError() && status != HttpStatus.SERVICE_UNAVAILABLE) {
			log.error("Function failed", failure);
			return problem(status, "The function failed; the error is logged under this request's trace id",
					request);
		}
		if (status == HttpStatus.SERVICE_UNAVAILABLE) {
			log.warn("A dependency of the function is unavailable: {}", cause.getMessage());
		}
		return problem(status, detailOf(cause), request);
	}

	/**
	 * A function that handled its input but has nothing to answer (it returned null, as
	 * reserveStock does for a cancellation) makes Spring Cloud Function's web adapter fail with a
	 * NullPointerException while wrapping the result; it is answered 202 Accepted, as the adapter
	 * answers a Consumer.
	 */
	private static boolean isNoAnswer(Exception failure) {
		return failure instanceof NullPointerException && failure.getStackTrace().length > 0
				&& Arrays.stream(failure.getStackTrace())
					.limit(4)
					.anyMatch(frame -> frame.getClassName().endsWith("FunctionWebRequestProcessingHelper"));
	}

	private ResponseEntity<Object> problem(HttpStatus status, String detail, WebRequest request) {
		ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
		return createResponseEntity(body, new HttpHeaders(), status, request);
	}

	/**
	 * The exception that decides the answer: the first in the cause chain that has a meaning for
	 * the client, since the function runtime wraps what a function throws.
	 */
	private static Throwable classify(Throwable failure) {
		for (Throwable current = failure; current != null; current = current.getCause()) {
			if (current instanceof JacksonException || current instanceof NoSuchElementException
					|| isUnavailable(current)) {
				return current;
			}
		}
		for (Throwable current = failure; current != null; current = current.getCause()) {
			if (current instanceof IllegalArgumentException || current instanceof IllegalStateException) {
				return current;
			}
		}
		return failure;
	}

	private static boolean isUnavailable(Throwable failure) {
		return failure instanceof UnavailableException || isDataStoreUnavailable(failure);
	}

	private static boolean isDataStoreUnavailable(Throwable failure) {
		return failure instanceof DataAccessResourceFailureException || failure instanceof QueryTimeoutException
				|| failure instanceof TransientDataAccessResourceException;
	}

	private static HttpStatus statusOf(Throwable cause) {
		if (cause instanceof JacksonException || cause instanceof IllegalArgumentException) {
			return HttpStatus.BAD_REQUEST;
		}
		if (cause instanceof NoSuchElementException) {
			return HttpStatus.NOT_FOUND;
		}
		if (isUnavailable(cause)) {
			return HttpStatus.SERVICE_UNAVAILABLE;
		}
		if (cause instanceof IllegalStateException) {
			return HttpStatus.CONFLICT;
		}
		return HttpStatus.INTERNAL_SERVER_ERROR;
	}

	private static String detailOf(Throwable cause) {
		if (isDataStoreUnavailable(cause)) {
			return "The data store is not reachable right now; retry shortly";
		}
		if (cause instanceof JacksonException json) {
			return "The JSON does not fit the expected input: " + json.getOriginalMessage();
		}
		@Nullable String message = cause.getMessage();
		return (message != null) ? message : cause.getClass().getSimpleName();
	}

}
