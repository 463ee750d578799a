package io.fnorders.platform.messaging;

/**
 * Something the function depends on (the broker, another service) cannot be reached. Nothing
 * that depended on it was done; the caller may retry. Answered over HTTP as 503.
 */
public class UnavailableException extends RuntimeException {

	public UnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

	public UnavailableException(String message) {
		super(message);
	}

}
