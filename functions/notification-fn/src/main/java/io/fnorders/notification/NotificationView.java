package io.fnorders.notification;

import java.time.Instant;

import io.fnorders.notification.notices.SentNotification;

/** A notification as the history and the live stream show it. */
record NotificationView(String orderId, String customerId, String type, String recipient, String subject,
		String body, Instant sentAt) {

	static NotificationView of(SentNotification sent) {
		return new NotificationView(sent.notice().orderId(), sent.notice().customerId(), sent.notice().kind().name(),
				sent.recipient(), sent.notice().subject(), sent.notice().body(), sent.sentAt());
	}

}
