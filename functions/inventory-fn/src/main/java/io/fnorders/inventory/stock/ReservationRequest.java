package io.fnorders.inventory.stock;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fnorders.values.Sku;
import org.jspecify.annotations.Nullable;

/**
 * What an order asks inventory to hold: units per sku (lines of the same sku are added up).
 *
 * @param orderId the order, 1 to 100 characters
 * @param customerId whose order, 1 to 100 characters
 * @param quantities units per sku, in the order's line order; 1 to {@value #MAX_SKUS} skus, each
 * 1 to {@value #MAX_QUANTITY} units
 */
public record ReservationRequest(String orderId, String customerId, Map<Sku, Integer> quantities) {

	static final int MAX_SKUS = 100;

	static final int MAX_QUANTITY = 10_000;

	public ReservationRequest {
		orderId = id("orderId", orderId);
		customerId = id("customerId", customerId);
		if (quantities == null || quantities.isEmpty()) {
			throw new IllegalArgumentException("order " + orderId + " has no lines");
		}
		if (quantities.size() > MAX_SKUS) {
			throw new IllegalArgumentException("order " + orderId + " has more than " + MAX_SKUS + " skus");
		}
		for (Map.Entry<Sku, Integer> line : quantities.entrySet()) {
			Integer quantity = line.getValue();
			if (quantity == null || quantity < 1 || quantity > MAX_QUANTITY) {
				throw new IllegalArgumentException("order " + orderId + ": quantity of " + line.getKey()
						+ " must be 1 to " + MAX_QUANTITY + ", was " + quantity);
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
			throw new IllegalArgumentException("order " + orderId + " has no lines");
		}
		Map<Sku, Integer> quantities = new LinkedHashMap<>();
		for (Line line : lines) {
			if (line.quantity() < 1) {
				throw new IllegalArgumentException("order " + orderId + ": quantity of " + line.sku()
						+ " must be at least 1, was " + line.quantity());
			}
			quantities.merge(Sku.of(line.sku()), line.quantity(), Math::addExact);
		}
		return new ReservationRequest(id("orderId", orderId), id("customerId", customerId), quantities);
	}

	private static String id(String field, @Nullable String value) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException(field + " is required");
		}
		if (value.length() > 100) {
			throw new IllegalArgumentException(field + " must be at most 100 characters");
		}
		return value;
	}

}
