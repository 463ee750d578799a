package io.fnorders.errors;

/**
 * The request conflicts with the current state (an empty cart checked out, a rejected order
 * cancelled, a cart at its limit). Over HTTP a 409.
 */
public class ConflictException extends IllegalStateException {

	public ConflictException(String message) {
		super(message);
	}

}
