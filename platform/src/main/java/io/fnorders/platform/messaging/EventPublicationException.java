package io.fnorders.platform.messaging;

/**
 * An event could not be handed to the broker. Nothing that depended on it was done; the caller
 * may retry. Answered over HTTP as 503.
 */
public class EventPublicationException extends UnavailableException {

	public EventPublicationException(String message, Throwable cause) {
		super(message, cause);
	}

	public EventPublicationException(String message) {
		super(message);
	}

}
