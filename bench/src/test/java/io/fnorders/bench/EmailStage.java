package io.fnorders.bench;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fnorders.events.Topics;
import io.fnorders.testsupport.EventWriter;
import io.fnorders.testsupport.HttpFunctions;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * E-mails: a burst of {@code order.placed} events on {@code orders}, each one e-mail from
 * notification-fn ("We received your order") into the local SMTP server, timed from the first
 * event written to the last e-mail counted sent; beside it, a plain Jakarta Mail loop over one
 * connection to the same server, sending as many messages of the same size. Each round also checks
 * that notification-fn sent exactly one e-mail per event.
 */
final class EmailStage {

	private static final Pattern SENT = Pattern
		.compile("(?m)^fnorders_notifications_total\\{[^}]*outcome=\"sent\"[^}]*\\} ([0-9.eE+]+)$");

	private final Map<String, Object> kafkaOperator;

	private final int smtpPort;

	private final HttpFunctions notificationFn;

	private final int emails;

	private final int rounds;

	/**
	 * @param notificationFn notification-fn as an admin (its metrics)
	 * @param emails e-mails per round
	 */
	EmailStage(Map<String, Object> kafkaOperator, int smtpPort, HttpFunctions notificationFn, int emails, int rounds) {
		this.kafkaOperator = kafkaOperator;
		this.smtpPort = smtpPort;
		this.notificationFn = notificationFn;
		this.emails = emails;
		this.rounds = rounds;
	}

	void run(BenchReport report) throws MessagingException {
		burst(this.emails / 2);
		plainLoop(this.emails / 2);
		Rounds function = new Rounds();
		Rounds plain = new Rounds();
		for (int i = 0; i < this.rounds; i++) {
			function.add(burst(this.emails));
			plain.add(plainLoop(this.emails));
		}
		report.add(new Row("e-mails, burst of %d order.placed, 1 notification-fn".formatted(this.emails), "e-mails/s",
				function, "Jakarta Mail loop, one connection, same server", plain,
				"≥ 1,000 e-mails/s and ≥ 0.5× the loop"));
	}

	/** E-mails per second for {@code count} new orders; fails unless each got exactly one. */
	private double burst(int count) {
		double before = sent();
		long started = System.nanoTime();
		try (EventWriter writer = OrderTraffic.writer(this.kafkaOperator)) {
			for (int i = 0; i < count; i++) {
				OrderTraffic.place(writer, Topics.ORDERS, OrderTraffic.newOrderId(), "BENCH-MAIL");
			}
			writer.flush();
		}
		long deadline = started + Duration.ofMinutes(5).toNanos();
		while (sent() - before < count) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("notification-fn sent " + (sent() - before) + " of " + count
						+ " e-mails within 5 minutes");
			}
			// a scrape of the metrics costs notification-fn CPU: not too often
			Tools.sleep(Duration.ofMillis(100));
		}
		double seconds = (System.nanoTime() - started) / 1e9;
		Tools.sleep(Duration.ofSeconds(1));
		double extra = sent() - before - count;
		if (extra != 0) {
			throw new IllegalStateException("notification-fn sent " + extra + " e-mails more than one per order");
		}
		return count / seconds;
	}

	/** Messages per second through one SMTP connection, sent one after another. */
	private double plainLoop(int count) throws MessagingException {
		Properties settings = new Properties();
		settings.put("mail.smtp.host", "127.0.0.1");
		settings.put("mail.smtp.port", String.valueOf(this.smtpPort));
		Session session = Session.getInstance(settings);
		long started = System.nanoTime();
		try (Transport connection = session.getTransport("smtp")) {
			connection.connect();
			for (int i = 0; i < count; i++) {
				MimeMessage message = new MimeMessage(session);
				message.setFrom(new InternetAddress("orders@fnorders.example"));
				message.setRecipient(Message.RecipientType.TO, new InternetAddress("bench@customers.test"));
				message.setSubject("We received your order bench-" + i);
				message.setText("Thank you for your order bench-" + i + ".\n\nIt holds 1 line, 1.00 EUR in all.\n");
				message.saveChanges();
				connection.sendMessage(message, message.getAllRecipients());
			}
		}
		return count / ((System.nanoTime() - started) / 1e9);
	}

	/** notification-fn's count of e-mails sent, of every kind, so far. */
	private double sent() {
		String metrics = this.notificationFn.get("/actuator/prometheus").body();
		Matcher counter = SENT.matcher(metrics);
		double total = 0;
		while (counter.find()) {
			total += Double.parseDouble(counter.group(1));
		}
		return total;
	}

}
