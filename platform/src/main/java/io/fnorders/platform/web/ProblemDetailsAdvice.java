package io.fnorders.platform.web;

import java.time.Duration;
import java.util.Optional;
import java.util.stream.Collectors;

import io.fnorders.errors.ConflictException;
import io.fnorders.errors.ForbiddenException;
import io.fnorders.errors.InvalidInputException;
import io.fnorders.errors.NotFoundException;
import io.fnorders.errors.RetryLaterException;
import io.fnorders.platform.failures.Failures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;

/**
 * Turns what a function throws into an {@code application/problem+json} answer. Domain code
 * signals with the shared exceptions of {@code io.fnorders.errors}, whose messages are written for
 * the client:
 * <ul>
 * <li>{@link InvalidInputException}: 400;</li>
 * <li>{@link NotFoundException}: 404;</li>
 * <li>{@link ConflictException}: 409;</li>
 * <li>{@link ForbiddenException}: 403;</li>
 * <li>an outage ({@link Failures#isTransient}: a {@link RetryLaterException}, Redis unreachable,
 * slow, full or read-only, a broker that did not take a send): 503 with {@code Retry-After};
 * nothing that depended on it was done and the client may send the same request again. The
 * detail names no host.</li>
 * </ul>
 * JSON that does not fit the function's input is a 400 that names the field, never a Java type.
 * Any other exception is answered with a plain detail that echoes nothing: another
 * {@link IllegalArgumentException} (a library refusing the input) a 400, anything else a 500 whose
 * stack trace goes to the log only. Spring MVC's own exceptions (405, 415, ...) keep their
 * statuses, as problem+json.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

	private final Duration retryAfter;

	/**
	 * @param retryAfter what {@code Retry-After} says when a dependency is unavailable
	 */
	ProblemDetailsAdvice(Duration retryAfter) {
		this.retryAfter = retryAfter;
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<Object> handleFunctionFailure(Exception failure, WebRequest request) {
		if (Failures.isTransient(failure)) {
			log.warn("A dependency of the function is unavailable: {}", Failures.describe(failure));
			HttpHeaders headers = new HttpHeaders();
			headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, this.retryAfter.toSeconds())));
			return problem(HttpStatus.SERVICE_UNAVAILABLE, unavailableDetail(failure), headers, request);
		}
		Optional<Throwable> refusal = Failures.find(failure, ProblemDetailsAdvice::isRefusal);
		if (refusal.isPresent()) {
			return problem(statusOf(refusal.get()), detailOf(refusal.get()), new HttpHeaders(), request);
		}
		Optional<Throwable> json = Failures.find(failure, JacksonException.class::isInstance);
		if (json.isPresent()) {
			return problem(HttpStatus.BAD_REQUEST, jsonDetail((JacksonException) json.get()), new HttpHeaders(),
					request);
		}
		if (Failures.find(failure, MessageConversionException.class::isInstance).isPresent()) {
			return problem(HttpStatus.BAD_REQUEST, "The request body does not fit the function's input",
					new HttpHeaders(), request);
		}
		if (Failures.find(failure, IllegalArgumentException.class::isInstance).isPresent()) {
			log.info("A request was refused as invalid", failure);
			return problem(HttpStatus.BAD_REQUEST, "The request is not valid", new HttpHeaders(), request);
		}
		log.error("Function failed", failure);
		return problem(HttpStatus.INTERNAL_SERVER_ERROR,
				"The function failed; the error is logged under this request's trace id", new HttpHeaders(), request);
	}

	private ResponseEntity<Object> problem(HttpStatus status, String detail, HttpHeaders headers, WebRequest request) {
		ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
		return createResponseEntity(body, headers, status, request);
	}

	private static boolean isRefusal(Throwable failure) {
		return failure instanceof InvalidInputException || failure instanceof NotFoundException
				|| failure instanceof ConflictException || failure instanceof ForbiddenException;
	}

	private static HttpStatus statusOf(Throwable refusal) {
		if (refusal instanceof NotFoundException) {
			return HttpStatus.NOT_FOUND;
		}
		if (refusal instanceof ConflictException) {
			return HttpStatus.CONFLICT;
		}
		if (refusal instanceof ForbiddenException) {
			return HttpStatus.FORBIDDEN;
		}
		return HttpStatus.BAD_REQUEST;
	}

	private static String detailOf(Throwable refusal) {
		String message = refusal.getMessage();
		return (message != null && !message.isBlank()) ? message : statusOf(refusal).getReasonPhrase();
	}

	private static String unavailableDetail(Throwable failure) {
		if (Failures.isDataStoreOutage(failure)) {
			return "The data store cannot take this request right now; retry shortly";
		}
		return Failures.find(failure, RetryLaterException.class::isInstance)
			.map(Throwable::getMessage)
			.orElse("A service this function depends on is unavailable; retry shortly");
	}

	/** Where in the JSON the input did not fit, by field names only (no Java type names). */
	private static String jsonDetail(JacksonException failure) {
		String path = failure.getPath()
			.stream()
			.map(reference -> (reference.getPropertyName() != null) ? reference.getPropertyName()
					: "[" + reference.getIndex() + "]")
			.collect(Collectors.joining("."))
			.replace(".[", "[");
		return path.isEmpty() ? "The JSON does not fit the function's input"
				: "The JSON does not fit the function's input: '" + path + "' has the wrong type or value";
	}

}
