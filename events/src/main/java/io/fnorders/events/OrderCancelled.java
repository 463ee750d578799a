package io.fnorders.events;

import org.jspecify.annotations.Nullable;

/**
 * The customer cancelled an order; whatever stock it held is to be released. Subject: the orderId.
 *
 * @param orderId the order
 * @param customerId whose order it is
 * @param reason why, as the customer or system gave it
 * @param email where the customer's e-mails about it go, as {@link OrderPlaced} said
 */
public record OrderCancelled(String orderId, String customerId, String reason, @Nullable String email) {
}
