package io.fnorders.events;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The order could not be reserved; nothing was held. Subject: the orderId.
 *
 * @param orderId the order
 * @param customerId whose order it is
 * @param reason a sentence saying why
 * @param shortLines the lines that were short
 * @param email where the customer's e-mails about it go, as {@link OrderPlaced} said
 */
public record OrderRejected(String orderId, String customerId, String reason, List<ShortLine> shortLines,
		@Nullable String email) {
}
