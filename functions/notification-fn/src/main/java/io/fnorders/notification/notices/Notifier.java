package io.fnorders.notification.notices;

import java.time.Clock;
import java.util.function.Function;

/**
 * Sends one e-mail per order and kind, however often the event behind it is delivered: a notice
 * is claimed before it is sent and recorded once it was; a failed send gives the claim back and
 * the failure to the caller, who retries.
 */
public class Notifier {

	private final Mailer mailer;

	private final NotificationLog log;

	private final Function<String, String> recipients;

	private final Clock clock;

	/**
	 * @param recipients the e-mail address of a customer id
	 */
	public Notifier(Mailer mailer, NotificationLog log, Function<String, String> recipients, Clock clock) {
		this.mailer = mailer;
		this.log = log;
		this.recipients = recipients;
		this.clock = clock;
	}

	/** @return whether an e-mail went out (false for a repeat) */
	public boolean send(Notice notice) {
		if (!this.log.claim(notice.orderId(), notice.kind())) {
			return false;
		}
		String recipient = this.recipients.apply(notice.customerId());
		try {
			this.mailer.send(recipient, notice.subject(), notice.body());
		}
		catch (RuntimeException ex) {
			this.log.release(notice.orderId(), notice.kind());
			throw ex;
		}
		this.log.recordSent(new SentNotification(notice, recipient, this.clock.instant()));
		return true;
	}

}
