package io.fnorders.notification.notices;

import org.jspecify.annotations.Nullable;

/**
 * An e-mail to send about an order.
 *
 * @param orderId the order
 * @param customerId whom it is for
 * @param kind which moment of the order
 * @param subject the e-mail's subject
 * @param body the e-mail's text
 * @param recipient the customer's address, as the order's events carry it; none on an event
 * written before orders kept it
 */
public record Notice(String orderId, String customerId, NoticeKind kind, String subject, String body,
		@Nullable String recipient) {
}
