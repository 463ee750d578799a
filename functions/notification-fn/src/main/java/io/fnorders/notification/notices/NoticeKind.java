package io.fnorders.notification.notices;

/** The moments of an order a customer hears about, one e-mail each. */
public enum NoticeKind {

	PLACED, CONFIRMED, REJECTED, CANCELLED

}
