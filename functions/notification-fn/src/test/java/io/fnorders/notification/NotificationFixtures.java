package io.fnorders.notification;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.fnorders.events.OrderLine;
import io.fnorders.events.OrderPlaced;

final class NotificationFixtures {

	private NotificationFixtures() {
	}

	static String orderId() {
		return "order-" + UUID.randomUUID();
	}

	static String customerId() {
		return "customer-" + UUID.randomUUID().toString().substring(0, 8);
	}

	static OrderPlaced placed(String orderId, String customerId) {
		return new OrderPlaced(orderId, customerId, List.of(new OrderLine("MUG", 2, new BigDecimal("12.50"))),
				new BigDecimal("25.00"), "EUR", Instant.parse("2026-11-25T10:00:00Z"), email(customerId));
	}

	/** The address a customer's token carries, and so their orders' events. */
	static String email(String customerId) {
		return customerId + "@customers.test";
	}

}
