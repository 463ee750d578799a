package io.fnorders.notification;

import io.fnorders.notification.notices.Mailer;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/** Sends plain-text e-mail through the SMTP server of {@code spring.mail.*}. */
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
		this.sender.send(message);
	}

}
