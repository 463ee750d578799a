package io.fnorders.errors;

/**
 * Not now: something the function depends on is unavailable, or another delivery is busy with the
 * same thing. Nothing was changed that depended on it, and the same request may succeed later.
 * Over HTTP a 503 with {@code Retry-After}; a broker-triggered function retries the same record
 * until it goes through.
 */
public class RetryLaterException extends RuntimeException {

	public RetryLaterException(String message) {
		super(message);
	}

	public RetryLaterException(String message, Throwable cause) {
		super(message, cause);
	}

}
