package io.fnorders.inventory.stock;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fnorders.errors.InvalidInputException;
import io.fnorders.events.OrderPlaced;
import io.fnorders.values.Sku;
import org.jspecify.annotations.Nullable;

/**
 * What an order asks inventory to hold: units per sku (lines of the same sku are added up). A
 * request that cannot be read (no lines, a missing id, an invalid sku, a quantity below 1) is
 * invalid input; one that is readable but beyond inventory's limits is a valid order that
 * inventory rejects ({@link #beyondLimits()}).
 *
 * @param orderId the order, 1 to 100 characters
 * @param customerId whose order, 1 to 100 characters
 * @param quantities units per sku, in the order's line order, each at least 1
 * @param email where the customer hears of the outcome, when the order says (it is passed on with
 * the outcome, never used here)
 */
public record ReservationRequest(String orderId, String customerId, Map<Sku, Integer> quantities,
		@Nullable String email) {

	/** The most skus inventory reserves for one order: as many lines as an order may have. */
	static final int MAX_SKUS = OrderPlaced.MAX_LINES;

	/** The most units of one sku inventory reserves for one order. */
	static final int MAX_QUANTITY = 10_000;

	public ReservationRequest {
		orderId = id("orderId", orderId);
		customerId = id("customerId", customerId);
		if (quantities == null || quantities.isEmpty()) {
			throw new InvalidInputException("order " + orderId + " has no lines");
		}
		for (Map.Entry<Sku, Integer> line : quantities.entrySet()) {
			if (line.getValue() == null || line.getValue() < 1) {
				throw new InvalidInputException("order " + orderId + ": quantity of " + line.getKey()
						+ " must be at least 1, was " + line.getValue());
			}
		}
		quantities = Collections.unmodifiableMap(new LinkedHashMap<>(quantities));
	}

	/** One line of an order as it arrives: a sku and a quantity, either possibly invalid. */
	public record Line(@Nullable String sku, int quantity) {
	}

	/** Builds a request from an order's lines, adding up lines of the same sku. */
	public static ReservationRequest of(@Nullable String orderId, @Nullable String customerId,
			@Nullable List<Line> lines) {
		if (lines == null) {
			throw new InvalidInputException("order " + orderId + " has no lines");
		}
		Map<Sku, Integer> quantities = new LinkedHashMap<>();
		for (Line line : lines) {
			if (line.quantity() < 1) {
				throw new InvalidInputException("order " + orderId + ": quantity of " + line.sku()
						+ " must be at least 1, was " + line.quantity());
			}
			quantities.merge(Sku.of(line.sku()), line.quantity(), (a, b) -> (int) Math.min(Integer.MAX_VALUE, (long) a + b));
		}
		return new ReservationRequest(id("orderId", orderId), id("customerId", customerId), quantities, null);
	}

	/** The same request, its outcome to be announced to {@code email}. */
	public ReservationRequest answeredTo(@Nullable String email) {
		return new ReservationRequest(this.orderId, this.customerId, this.quantities, email);
	}

	/** Why inventory does not reserve this order at all, when it asks for more than it may. */
	public Optional<String> beyondLimits() {
		if (this.quantities.size() > MAX_SKUS) {
			return Optional.of("an order may have at most " + MAX_SKUS + " skus, this one has " + this.quantities.size());
		}
		return this.quantities.entrySet()
			.stream()
			.filter(line -> line.getValue() > MAX_QUANTITY)
			.findFirst()
			.map(line -> "at most " + MAX_QUANTITY + " units of a sku can be reserved for one order, " + line.getValue()
					+ " of " + line.getKey() + " were asked for");
	}

	private static String id(String field, @Nullable String value) {
		if (value == null || value.isBlank()) {
			throw new InvalidInputException(field + " is required");
		}
		if (value.length() > 100) {
			throw new InvalidInputException(field + " must be at most 100 characters");
		}
		return value;
	}

}
