package io.fnorders.notification.notices;

/** Sends e-mail. */
public interface Mailer {

	/** @throws RuntimeException when the mail server did not take the message */
	void send(String recipient, String subject, String body);

}
