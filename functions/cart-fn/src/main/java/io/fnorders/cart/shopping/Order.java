package io.fnorders.cart.shopping;

import java.time.Instant;
import java.util.List;

import io.fnorders.errors.ConflictException;
import io.fnorders.values.Money;
import org.jspecify.annotations.Nullable;

/**
 * An order placed from a cart.
 *
 * @param orderId its identity
 * @param customerId who placed it
 * @param lines what was ordered
 * @param total the sum of the lines
 * @param status where it stands
 * @param reason why it was rejected or cancelled, if it was
 * @param placedAt when it was placed
 * @param email where the e-mails about it go: the customer's address when they checked out; none
 * for an order placed before orders kept it
 */
public record Order(String orderId, String customerId, List<CartLine> lines, Money total, OrderStatus status,
		@Nullable String reason, Instant placedAt, @Nullable String email) {

	public Order {
		lines = List.copyOf(lines);
		if (lines.isEmpty()) {
			throw new IllegalArgumentException("an order has at least one line");
		}
	}

	/** A new order from everything in the cart. */
	static Order place(String orderId, Cart cart, String email, Instant now) {
		return new Order(orderId, cart.customerId(), cart.lines(),
				cart.total().orElseThrow(() -> new ConflictException("the cart is empty")), OrderStatus.PLACED, null,
				now, email);
	}

}
