package io.fnorders.errors;

/** The caller is known but may not do this. Over HTTP a 403. */
public class ForbiddenException extends RuntimeException {

	public ForbiddenException(String message) {
		super(message);
	}

}
