package io.fnorders.notification.notices;

/** Sends e-mail. */
public interface Mailer {

	/**
	 * @param messageId what identifies this message for good, whichever attempt delivers it: a
	 * server that took a copy but did not say so before the connection broke gets the retry as
	 * another copy of the same message (the same {@code Message-ID}), which mail clients show once
	 * @throws io.fnorders.errors.RetryLaterException when the mail server did not take the message
	 * @throws io.fnorders.errors.InvalidInputException when the message cannot be sent as it is
	 */
	void send(String messageId, String recipient, String subject, String body);

}
