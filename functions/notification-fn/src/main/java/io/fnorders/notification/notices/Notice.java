package io.fnorders.notification.notices;

/**
 * An e-mail to send about an order.
 *
 * @param orderId the order
 * @param customerId whom it is for
 * @param kind which moment of the order
 * @param subject the e-mail's subject
 * @param body the e-mail's text
 */
public record Notice(String orderId, String customerId, NoticeKind kind, String subject, String body) {
}
