package io.fnorders.cart.shopping;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

import io.fnorders.errors.InvalidInputException;
import io.fnorders.events.OrderPlaced;
import io.fnorders.values.Money;

/**
 * A customer's cart: lines in the order they were first added, all in one currency. An empty cart
 * is a valid cart.
 *
 * @param customerId whose cart
 * @param lines what is in it, at most {@link #MAX_LINES}
 * @param revision counts the cart's changes, so a checkout takes the cart exactly as it was read
 * (0 for a cart that does not exist)
 */
public record Cart(String customerId, List<CartLine> lines, long revision) {

	/** The most units of one sku a cart line may hold. */
	public static final int MAX_QUANTITY = 999;

	/** The most lines a cart holds: as many as an order may have. */
	public static final int MAX_LINES = OrderPlaced.MAX_LINES;

	public Cart {
		lines = List.copyOf(lines);
	}

	public boolean isEmpty() {
		return this.lines.isEmpty();
	}

	/** The currency of every line; empty for an empty cart. */
	public Optional<Currency> currency() {
		return this.lines.stream().findFirst().map(line -> line.unitPrice().currency());
	}

	/** The sum of the line totals; empty for an empty cart. */
	public Optional<Money> total() {
		return currency().map(currency -> new Money(this.lines.stream()
			.map(line -> line.lineTotal().amount())
			.reduce(BigDecimal.ZERO, BigDecimal::add), currency));
	}

	/** Checks a quantity to put in a line. */
	public static int requireQuantity(long quantity) {
		if (quantity < 1 || quantity > MAX_QUANTITY) {
			throw new InvalidInputException("quantity must be 1 to " + MAX_QUANTITY + ", was " + quantity);
		}
		return (int) quantity;
	}

}
