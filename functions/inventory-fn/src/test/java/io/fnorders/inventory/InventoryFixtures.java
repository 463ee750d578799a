package io.fnorders.inventory;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import io.fnorders.events.OrderLine;
import io.fnorders.events.OrderPlaced;

/** Orders and ids for inventory's tests. */
final class InventoryFixtures {

	/** The address the orders of the fixtures carry, passed on to their outcomes. */
	static final String EMAIL = "customer-1@customers.test";

	private InventoryFixtures() {
	}

	static String uniqueSku(String stem) {
		return stem + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	static String orderId() {
		return "order-" + UUID.randomUUID();
	}

	/** An order of {@code sku, quantity} pairs. */
	static OrderPlaced order(String orderId, Object... skuQuantityPairs) {
		List<Object> pairs = Arrays.asList(skuQuantityPairs);
		List<OrderLine> lines = new java.util.ArrayList<>();
		for (int i = 0; i < pairs.size(); i += 2) {
			lines.add(new OrderLine((String) pairs.get(i), (Integer) pairs.get(i + 1), new BigDecimal("9.99")));
		}
		return new OrderPlaced(orderId, "customer-1", lines, new BigDecimal("9.99"), "EUR", Instant.now(),
				EMAIL);
	}

}
