package io.fnorders.notification.notices;

import java.util.List;

/** Which notices were sent, and the per-customer history. */
public interface NotificationLog {

	/** What a claim found. */
	enum Claim {

		/** This caller may send now. */
		CLAIMED,

		/** The notice was sent before. */
		SENT,

		/** Another delivery claimed it and has not recorded it yet. */
		IN_PROGRESS

	}

	/**
	 * Claims the right to send the notice of this order and kind. A claim that is neither released
	 * nor recorded lapses after a while, so a crash between claiming and sending loses nothing.
	 */
	Claim claim(String orderId, NoticeKind kind);

	/** Gives a claim back after a failed send, so a retry may send. */
	void release(String orderId, NoticeKind kind);

	/**
	 * Marks the notice sent for good and adds it to the customer's history (and live stream); a
	 * notice marked before is left as it is, so recording again after a lost answer adds nothing.
	 */
	void recordSent(SentNotification sent);

	/** The customer's notifications, newest first. */
	List<SentNotification> history(String customerId, int limit);

}
