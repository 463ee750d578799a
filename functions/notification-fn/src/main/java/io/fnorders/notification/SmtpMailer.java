package io.fnorders.notification;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;

import io.fnorders.errors.InvalidInputException;
import io.fnorders.notification.notices.Mailer;
import io.fnorders.platform.messaging.UnavailableException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.apache.commons.pool2.BasePooledObjectFactory;
import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.impl.DefaultPooledObject;
import org.apache.commons.pool2.impl.GenericObjectPool;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * Sends plain-text e-mail through the SMTP server of {@code spring.mail.*}, over connections kept
 * open in a pool ({@code fnorders.notification.smtp-connections}) instead of one connection per
 * e-mail, as Spring's {@link JavaMailSenderImpl} would open. A connection the server closed is
 * noticed when it is taken from the pool and replaced.
 * <p>
 * A message that cannot be built (an address that is not one) or a recipient the server refuses
 * for good (a 5xx reply) is invalid input; the server not answering, refusing for now or
 * dropping the connection is an outage, which the caller waits out.
 */
@Component
class SmtpMailer implements Mailer, DisposableBean {

	private final JavaMailSenderImpl sender;

	private final NotificationProperties properties;

	private final GenericObjectPool<Transport> connections;

	SmtpMailer(JavaMailSenderImpl sender, NotificationProperties properties) {
		this.sender = sender;
		this.properties = properties;
		GenericObjectPoolConfig<Transport> config = new GenericObjectPoolConfig<>();
		config.setMaxTotal(properties.smtpConnections());
		config.setMaxIdle(properties.smtpConnections());
		config.setTestOnBorrow(true);
		config.setMaxWait(Duration.ofSeconds(30));
		config.setTimeBetweenEvictionRuns(Duration.ofSeconds(30));
		config.setMinEvictableIdleDuration(Duration.ofMinutes(1));
		config.setJmxEnabled(false);
		this.connections = new GenericObjectPool<>(new Connections(sender), config);
	}

	@Override
	public void send(String messageId, String recipient, String subject, String body) {
		MimeMessage message = message(messageId, recipient, subject, body);
		Transport connection = borrow(recipient);
		try {
			connection.sendMessage(message, message.getAllRecipients());
			this.connections.returnObject(connection);
		}
		catch (SendFailedException ex) {
			this.connections.returnObject(connection);
			if (ex.getInvalidAddresses() != null && ex.getInvalidAddresses().length > 0) {
				throw new InvalidInputException("The mail server refuses the recipient " + recipient, ex);
			}
			throw new UnavailableException("The mail server did not take the e-mail to " + recipient, ex);
		}
		catch (MessagingException | RuntimeException ex) {
			invalidate(connection);
			throw new UnavailableException("The mail server did not take the e-mail to " + recipient, ex);
		}
	}

	private MimeMessage message(String messageId, String recipient, String subject, String body) {
		try {
			String id = messageIdOf(messageId);
			// its own id whenever the message is saved (Spring's and Jakarta Mail's saveChanges make up a new one)
			MimeMessage message = new MimeMessage(this.sender.getSession()) {

				@Override
				protected void updateMessageID() throws MessagingException {
					setHeader("Message-ID", id);
				}

			};
			// Jakarta Mail's own setters: Spring's MimeMessageHelper reads and parses a mime.types
			// table for each message it wraps, which was two thirds of an e-mail's CPU
			message.setFrom(new InternetAddress(this.properties.from(), true));
			message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(recipient));
			message.setSubject(subject, StandardCharsets.UTF_8.name());
			message.setText(body, StandardCharsets.UTF_8.name());
			message.setSentDate(new Date());
			message.saveChanges();
			return message;
		}
		catch (MessagingException ex) {
			throw new InvalidInputException("The e-mail to " + recipient + " cannot be built: " + ex.getMessage(), ex);
		}
	}

	/** {@code <orderId.kind@sender-domain>}, from the notice's own key: the same for every attempt. */
	private String messageIdOf(String notice) {
		String from = this.properties.from();
		String domain = from.substring(from.lastIndexOf('@') + 1).replaceAll("[^A-Za-z0-9.-]", "");
		return "<" + notice.replaceAll("[^A-Za-z0-9._-]", ".") + "@" + (domain.isEmpty() ? "fnorders" : domain) + ">";
	}

	private Transport borrow(String recipient) {
		try {
			return this.connections.borrowObject();
		}
		catch (Exception ex) {
			throw new UnavailableException("The mail server cannot be reached to send the e-mail to " + recipient, ex);
		}
	}

	private void invalidate(Transport connection) {
		try {
			this.connections.invalidateObject(connection);
		}
		catch (Exception ex) {
			// the connection is broken already; the pool has forgotten it either way
		}
	}

	@Override
	public void destroy() {
		this.connections.close();
	}

	/** Opens, checks and closes connections to the SMTP server as {@code spring.mail.*} configures it. */
	private static final class Connections extends BasePooledObjectFactory<Transport> {

		private final JavaMailSenderImpl sender;

		Connections(JavaMailSenderImpl sender) {
			this.sender = sender;
		}

		@Override
		public Transport create() throws MessagingException {
			Transport transport = this.sender.getSession().getTransport(this.sender.getProtocol());
			transport.connect(this.sender.getHost(), this.sender.getPort(), this.sender.getUsername(),
					this.sender.getPassword());
			return transport;
		}

		@Override
		public PooledObject<Transport> wrap(Transport transport) {
			return new DefaultPooledObject<>(transport);
		}

		@Override
		public boolean validateObject(PooledObject<Transport> connection) {
			return connection.getObject().isConnected();
		}

		@Override
		public void destroyObject(PooledObject<Transport> connection) {
			try {
				connection.getObject().close();
			}
			catch (MessagingException ex) {
				// closing a connection the server dropped already
			}
		}

	}

}
