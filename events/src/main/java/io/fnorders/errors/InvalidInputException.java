package io.fnorders.errors;

/**
 * The input breaks a rule (a missing field, a quantity out of range, a malformed id). Repeating it
 * cannot help. Over HTTP a 400; an event that carries it is dead-lettered at once.
 */
public class InvalidInputException extends IllegalArgumentException {

	public InvalidInputException(String message) {
		super(message);
	}

	public InvalidInputException(String message, Throwable cause) {
		super(message, cause);
	}

}
