package io.fnorders.notification.notices;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.fnorders.errors.InvalidInputException;
import io.fnorders.errors.RetryLaterException;

/**
 * Sends one e-mail per order and kind, however often the event behind it is delivered: a notice
 * is claimed before it is sent and recorded once it was; a failed send gives the claim back and
 * the failure to the caller, who retries. A delivery that finds the notice claimed but not yet
 * recorded fails too, so it is retried instead of being dropped. When the e-mail went out but its
 * record could not be written (the store went away right then), the retry only records it.
 */
public class Notifier {

	private final Mailer mailer;

	private final NotificationLog log;

	private final Clock clock;

	/**
	 * Notices whose e-mail went out but whose record failed (Redis went away right then), by order
	 * and kind: the retry records them instead of sending them again.
	 */
	private final Map<String, SentNotification> sentNotRecorded = new ConcurrentHashMap<>();

	public Notifier(Mailer mailer, NotificationLog log, Clock clock) {
		this.mailer = mailer;
		this.log = log;
		this.clock = clock;
	}

	/**
	 * @return whether an e-mail went out (false when it had been sent before)
	 * @throws RetryLaterException when another delivery is sending it right now: retrying later
	 * either finds it sent or, if that delivery died, finds the claim lapsed and sends
	 */
	public boolean send(Notice notice) {
		String recipient = notice.recipient();
		if (recipient == null || recipient.isBlank()) {
			// never guessed from the customer id: that is not an address the customer gave
			throw new InvalidInputException("The " + notice.kind() + " event of order " + notice.orderId()
					+ " carries no e-mail address");
		}
		String key = notice.orderId() + "/" + notice.kind();
		SentNotification unrecorded = this.sentNotRecorded.get(key);
		if (unrecorded != null) {
			this.log.recordSent(unrecorded);
			this.sentNotRecorded.remove(key);
			return true;
		}
		switch (this.log.claim(notice.orderId(), notice.kind())) {
			case SENT -> {
				return false;
			}
			case IN_PROGRESS -> throw new RetryLaterException("the " + notice.kind() + " notice of order "
					+ notice.orderId() + " is being sent by another delivery");
			case CLAIMED -> {
			}
		}
		try {
			this.mailer.send(key, recipient, notice.subject(), notice.body());
		}
		catch (RuntimeException ex) {
			this.log.release(notice.orderId(), notice.kind());
			throw ex;
		}
		SentNotification sent = new SentNotification(notice, recipient, this.clock.instant());
		this.sentNotRecorded.put(key, sent);
		this.log.recordSent(sent);
		this.sentNotRecorded.remove(key);
		return true;
	}

}
