package io.fnorders.notification.notices;

/** Sends e-mail. */
public interface Mailer {

	/**
	 * @throws io.fnorders.errors.RetryLaterException when the mail server did not take the message
	 * @throws io.fnorders.errors.InvalidInputException when the message cannot be sent as it is
	 */
	void send(String recipient, String subject, String body);

}
