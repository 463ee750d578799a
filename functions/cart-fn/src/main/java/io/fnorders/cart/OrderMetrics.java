package io.fnorders.cart;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import io.fnorders.cart.shopping.Order;
import io.fnorders.cart.shopping.OrderListener;
import io.fnorders.cart.shopping.OrderStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * Business counters: {@code fnorders_orders_total{status=placed|confirmed|rejected|cancelled}}.
 * Shopping reports each order once when it is first announced and once per status it moves to;
 * every series exists, at 0, from start-up.
 */
@Component
class OrderMetrics implements OrderListener {

	private final Map<OrderStatus, Counter> counters = new EnumMap<>(OrderStatus.class);

	OrderMetrics(MeterRegistry registry) {
		for (OrderStatus status : OrderStatus.values()) {
			this.counters.put(status,
					Counter.builder("fnorders.orders")
						.description("Orders placed by checkout and the status changes that followed")
						.tag("status", status.name().toLowerCase(Locale.ROOT))
						.register(registry));
		}
	}

	@Override
	public void placed(Order order) {
		this.counters.get(OrderStatus.PLACED).increment();
	}

	@Override
	public void statusChanged(Order order, OrderStatus status) {
		this.counters.get(status).increment();
	}

}
