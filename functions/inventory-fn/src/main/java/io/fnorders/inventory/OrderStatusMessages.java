package io.fnorders.inventory;

import java.util.List;

import io.fnorders.events.EventTypes;
import io.fnorders.events.OrderConfirmed;
import io.fnorders.events.OrderRejected;
import io.fnorders.events.ReservedLine;
import io.fnorders.events.ShortLine;
import io.fnorders.inventory.stock.ReservationOutcome;
import io.fnorders.platform.messaging.CloudEvents;
import org.jspecify.annotations.Nullable;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/**
 * Turns a reservation outcome into the {@code order.confirmed} or {@code order.rejected}
 * CloudEvent. The id is {@code <type>:<orderId>}, so a redelivered order yields the very same
 * event and consumers drop the repeat.
 */
@Component
class OrderStatusMessages {

	private final CloudEvents cloudEvents;

	OrderStatusMessages(CloudEvents cloudEvents) {
		this.cloudEvents = cloudEvents;
	}

	/**
	 * The event announcing the outcome; none for an order cancelled before it was reserved.
	 * @param email where the customer's e-mails about the order go, passed on from
	 * {@code order.placed}
	 */
	@Nullable Message<?> of(ReservationOutcome outcome, @Nullable String email) {
		return switch (outcome) {
			case ReservationOutcome.Confirmed confirmed -> this.cloudEvents.message(EventTypes.ORDER_CONFIRMED,
					EventTypes.ORDER_CONFIRMED.name() + ":" + confirmed.orderId(), confirmed.orderId(),
					new OrderConfirmed(confirmed.orderId(), confirmed.customerId(), confirmed.lines()
						.entrySet()
						.stream()
						.map(line -> new ReservedLine(line.getKey().value(), line.getValue()))
						.toList(), email));
			case ReservationOutcome.Rejected rejected -> this.cloudEvents.message(EventTypes.ORDER_REJECTED,
					EventTypes.ORDER_REJECTED.name() + ":" + rejected.orderId(), rejected.orderId(),
					new OrderRejected(rejected.orderId(), rejected.customerId(), rejected.reason(), shortLines(rejected),
							email));
			case ReservationOutcome.Cancelled cancelled -> null;
		};
	}

	private static List<ShortLine> shortLines(ReservationOutcome.Rejected rejected) {
		return rejected.shortages()
			.stream()
			.map(shortage -> new ShortLine(shortage.sku().value(), shortage.requested(), shortage.available(),
					shortage.unknownSku()))
			.toList();
	}

}
