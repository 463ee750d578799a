package io.fnorders.platform.messaging;

/**
 * A message that is not a readable event of an expected type: missing CloudEvents attributes, an
 * unknown or unexpected type, or data that is not valid JSON for the type. Retrying cannot help;
 * the binder sends it to the dead-letter topic.
 */
public class UnreadableEventException extends IllegalArgumentException {

	public UnreadableEventException(String message) {
		super(message);
	}

	public UnreadableEventException(String message, Throwable cause) {
		super(message, cause);
	}

}
