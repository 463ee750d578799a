package io.fnorders.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A customer checked out: an order exists and waits for stock. Subject: the orderId.
 *
 * @param orderId the order's identity
 * @param customerId who placed it
 * @param lines what was ordered, at least one line
 * @param total the sum of the lines
 * @param currency ISO-4217 code of every price in the order
 * @param placedAt when it was placed
 * @param email where the customer's e-mails about it go: the address in the token of the
 * checkout; none on events written before orders kept it
 */
public record OrderPlaced(String orderId, String customerId, List<OrderLine> lines, BigDecimal total,
		String currency, Instant placedAt, @Nullable String email) {

	/**
	 * The most lines (distinct skus) an order may have: a cart holds no more, and inventory rejects
	 * an order that has more.
	 */
	public static final int MAX_LINES = 100;

}
