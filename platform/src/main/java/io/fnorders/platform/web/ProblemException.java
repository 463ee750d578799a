package io.fnorders.platform.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A request that is refused before it reaches a function, answered as problem+json. */
final class ProblemException extends ErrorResponseException {

	ProblemException(HttpStatus status, String detail) {
		super(status, ProblemDetail.forStatusAndDetail(status, detail), null);
	}

}
