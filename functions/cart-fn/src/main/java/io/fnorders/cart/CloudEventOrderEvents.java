package io.fnorders.cart;

import static net.logstash.logback.argument.StructuredArguments.kv;

import io.fnorders.cart.shopping.Order;
import io.fnorders.cart.shopping.OrderEvents;
import io.fnorders.events.EventTypes;
import io.fnorders.events.OrderCancelled;
import io.fnorders.events.OrderLine;
import io.fnorders.events.OrderPlaced;
import io.fnorders.platform.messaging.CloudEventPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Publishes {@code order.placed} and {@code order.cancelled} on the {@code orderEvents} binding,
 * keyed by orderId. Ids are {@code <type>:<orderId>}: publishing the same order again (a retried
 * checkout) repeats the same event, which consumers drop.
 */
@Component
class CloudEventOrderEvents implements OrderEvents {

	static final String BINDING = "orderEvents";

	private static final Logger log = LoggerFactory.getLogger(CloudEventOrderEvents.class);

	private final CloudEventPublisher publisher;

	CloudEventOrderEvents(CloudEventPublisher publisher) {
		this.publisher = publisher;
	}

	@Override
	public void placed(Order order) {
		OrderPlaced event = new OrderPlaced(order.orderId(), order.customerId(), order.lines()
			.stream()
			.map(line -> new OrderLine(line.sku().value(), line.quantity(), line.unitPrice().amount()))
			.toList(), order.total().amount(), order.total().currencyCode(), order.placedAt());
		this.publisher.publish(BINDING, EventTypes.ORDER_PLACED, EventTypes.ORDER_PLACED.name() + ":" + order.orderId(),
				order.orderId(), event);
		log.info("Published {}", EventTypes.ORDER_PLACED.name(), kv("orderId", order.orderId()),
				kv("customerId", order.customerId()));
	}

	@Override
	public void cancelled(Order order, String reason) {
		this.publisher.publish(BINDING, EventTypes.ORDER_CANCELLED,
				EventTypes.ORDER_CANCELLED.name() + ":" + order.orderId(), order.orderId(),
				new OrderCancelled(order.orderId(), order.customerId(), reason));
		log.info("Published {}", EventTypes.ORDER_CANCELLED.name(), kv("orderId", order.orderId()),
				kv("customerId", order.customerId()));
	}

}
