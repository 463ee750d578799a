package io.fnorders.platform.messaging;

import io.fnorders.errors.InvalidInputException;

/**
 * A message that is not a readable event of an expected type: missing CloudEvents attributes, an
 * unknown or unexpected type, or data that is not valid JSON for the type. Retrying cannot help:
 * a consumer dead-letters it at once, and over HTTP it is a 400.
 */
public class UnreadableEventException extends InvalidInputException {

	public UnreadableEventException(String message) {
		super(message);
	}

	public UnreadableEventException(String message, Throwable cause) {
		super(message, cause);
	}

}
