package io.fnorders.events;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Every line of the order is reserved. Subject: the orderId.
 *
 * @param orderId the order
 * @param customerId whose order it is
 * @param lines what is held, one line per sku
 * @param email where the customer's e-mails about it go, as {@link OrderPlaced} said
 */
public record OrderConfirmed(String orderId, String customerId, List<ReservedLine> lines, @Nullable String email) {
}
