package io.fnorders.notification;

import io.fnorders.errors.InvalidInputException;
import io.fnorders.notification.notices.Mailer;
import io.fnorders.platform.messaging.UnavailableException;
import jakarta.mail.SendFailedException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Sends plain-text e-mail through the SMTP server of {@code spring.mail.*}. A message that cannot
 * be built (an address that is not one) is invalid input; the server refusing or not answering is
 * an outage, waited out by the caller.
 */
@Component
class SmtpMailer implements Mailer {

	private final JavaMailSender sender;

	private final NotificationProperties properties;

	SmtpMailer(JavaMailSender sender, NotificationProperties properties) {
		this.sender = sender;
		this.properties = properties;
	}

	@Override
	public void send(String recipient, String subject, String body) {
		SimpleMailMessage message = new SimpleMailMessage();
		message.setFrom(this.properties.from());
		message.setTo(recipient);
		message.setSubject(subject);
		message.setText(body);
		try {
			this.sender.send(message);
		}
		catch (MailParseException | MailPreparationException ex) {
			throw new InvalidInputException("The e-mail to " + recipient + " cannot be built: " + ex.getMessage(), ex);
		}
		catch (MailSendException ex) {
			if (refusedRecipient(ex)) {
				throw new InvalidInputException("The mail server refuses the recipient " + recipient + ": "
						+ ex.getMessage(), ex);
			}
			throw new UnavailableException("The mail server did not take the e-mail to " + recipient + ": "
					+ ex.getMessage(), ex);
		}
		catch (MailException ex) {
			throw new UnavailableException("The mail server did not take the e-mail to " + recipient + ": "
					+ ex.getMessage(), ex);
		}
	}

	/**
	 * Whether the server answered the recipient with a permanent refusal (a 5xx reply to RCPT TO, which
	 * Jakarta Mail reports as an invalid address); a temporary one (4xx) leaves it among the valid
	 * unsent addresses, and is retried like any outage.
	 */
	private static boolean refusedRecipient(MailSendException failure) {
		return failure.getFailedMessages()
			.values()
			.stream()
			.anyMatch(cause -> cause instanceof SendFailedException refused && refused.getInvalidAddresses() != null
					&& refused.getInvalidAddresses().length > 0);
	}

}
