package io.fnorders.events;

import java.util.List;

/**
 * Every line of the order is reserved. Subject: the orderId.
 *
 * @param orderId the order
 * @param customerId whose order it is
 * @param lines what is held, one line per sku
 */
public record OrderConfirmed(String orderId, String customerId, List<ReservedLine> lines) {
}
