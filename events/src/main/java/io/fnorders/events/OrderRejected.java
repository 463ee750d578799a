package io.fnorders.events;

import java.util.List;

/**
 * The order could not be reserved; nothing was held. Subject: the orderId.
 *
 * @param orderId the order
 * @param customerId whose order it is
 * @param reason a sentence saying why
 * @param shortLines the lines that were short
 */
public record OrderRejected(String orderId, String customerId, String reason, List<ShortLine> shortLines) {
}
