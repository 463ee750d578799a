package io.fnorders.notification.notices;

import java.time.Clock;
import java.util.function.Function;

import io.fnorders.errors.RetryLaterException;

/**
 * Sends one e-mail per order and kind, however often the event behind it is delivered: a notice
 * is claimed before it is sent and recorded once it was; a failed send gives the claim back and
 * the failure to the caller, who retries. A delivery that finds the notice claimed but not yet
 * recorded fails too, so it is retried instead of being dropped.
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

	/**
	 * @return whether an e-mail went out (false when it had been sent before)
	 * @throws RetryLaterException when another delivery is sending it right now: retrying later
	 * either finds it sent or, if that delivery died, finds the claim lapsed and sends
	 */
	public boolean send(Notice notice) {
		switch (this.log.claim(notice.orderId(), notice.kind())) {
			case SENT -> {
				return false;
			}
			case IN_PROGRESS -> throw new RetryLaterException("the " + notice.kind() + " notice of order "
					+ notice.orderId() + " is being sent by another delivery");
			case CLAIMED -> {
			}
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
