package io.fnorders.events;

/**
 * The customer cancelled an order; whatever stock it held is to be released. Subject: the orderId.
 *
 * @param orderId the order
 * @param customerId whose order it is
 * @param reason why, as the customer or system gave it
 */
public record OrderCancelled(String orderId, String customerId, String reason) {
}
