package io.fnorders.cart;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.fnorders.cart.shopping.CartLine;
import io.fnorders.cart.shopping.Order;
import io.fnorders.cart.shopping.OrderStatus;
import io.fnorders.values.Money;
import io.fnorders.values.Sku;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class OrderMetricsTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final OrderMetrics metrics = new OrderMetrics(this.registry);

	@Test
	void startsEveryStatusAtZero() {
		assertThat(counts()).containsExactlyEntriesOf(
				new TreeMap<>(Map.of("cancelled", 0.0, "confirmed", 0.0, "placed", 0.0, "rejected", 0.0)));
	}

	@Test
	void countsPlacedOrdersAndEachStatusTheyMovedTo() {
		this.metrics.placed(order(OrderStatus.PLACED));
		this.metrics.placed(order(OrderStatus.PLACED));
		this.metrics.statusChanged(order(OrderStatus.CONFIRMED), OrderStatus.CONFIRMED);
		this.metrics.statusChanged(order(OrderStatus.REJECTED), OrderStatus.REJECTED);
		this.metrics.statusChanged(order(OrderStatus.CANCELLED), OrderStatus.CANCELLED);

		assertThat(counts()).containsExactlyEntriesOf(
				new TreeMap<>(Map.of("cancelled", 1.0, "confirmed", 1.0, "placed", 2.0, "rejected", 1.0)));
		assertThat(this.registry.get("fnorders.orders").tag("status", "placed").counter().getId().getDescription())
			.isEqualTo("Orders placed by checkout and the status changes that followed");
	}

	private Map<String, Double> counts() {
		Map<String, Double> counts = new TreeMap<>();
		for (Counter counter : this.registry.get("fnorders.orders").counters()) {
			counts.put(counter.getId().getTag("status"), counter.count());
		}
		return counts;
	}

	private static Order order(OrderStatus status) {
		Money price = Money.of(new BigDecimal("2.50"), "EUR");
		return new Order("order-1", "c-1", List.of(new CartLine(Sku.of("MUG"), "Mug", price, 1)), price, status, null,
				Instant.EPOCH, "c-1@example.test");
	}

}
