package io.fnorders.platform.messaging;

import io.fnorders.errors.RetryLaterException;

/**
 * Something the function depends on (the broker, another service, the mail server) cannot be
 * reached or did not take the request. Nothing that depended on it was done; the caller may retry.
 * Answered over HTTP as 503; a broker-triggered function retries the record.
 */
public class UnavailableException extends RetryLaterException {

	public UnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

	public UnavailableException(String message) {
		super(message);
	}

}
