package io.fnorders.inventory;

import java.util.List;

import io.fnorders.events.EventTypes;
import io.fnorders.events.OrderConfirmed;
import io.fnorders.events.OrderRejected;
import io.fnorders.events.ReservedLine;
import io.fnorders.inventory.stock.ReservationRequest;
import io.fnorders.platform.outbox.Outbox;
import org.springframework.stereotype.Component;

/**
 * The outbox entries announcing a reservation's outcome on {@code order-status}: the
 * {@code order.confirmed} or {@code order.rejected} a reservation script queues in the step that
 * decides the order. The id is {@code <type>:<orderId>}, so an order's outcome always has the
 * same id and consumers drop a repeat.
 */
@Component
class OrderStatusEntries {

	/** The output binding the relay publishes these entries to. */
	static final String BINDING = "orderStatusEvents";

	private final Outbox outbox;

	OrderStatusEntries(Outbox outbox) {
		this.outbox = outbox;
	}

	/** The stream the order's outcome is queued in. */
	String streamOf(ReservationRequest request) {
		return this.outbox.streamOf(request.orderId());
	}

	/** The whole entry of the order's confirmation: every line held as asked. */
	List<String> confirmed(ReservationRequest request) {
		return this.outbox.entry(BINDING, EventTypes.ORDER_CONFIRMED, id(EventTypes.ORDER_CONFIRMED.name(), request),
				request.orderId(), new OrderConfirmed(request.orderId(), request.customerId(), request.quantities()
					.entrySet()
					.stream()
					.map(line -> new ReservedLine(line.getKey().value(), line.getValue()))
					.toList(), request.email()));
	}

	/** The whole entry of the order's rejection for {@code reason}, with no short lines. */
	List<String> rejected(ReservationRequest request, String reason) {
		return this.outbox.entry(BINDING, EventTypes.ORDER_REJECTED, id(EventTypes.ORDER_REJECTED.name(), request),
				request.orderId(),
				new OrderRejected(request.orderId(), request.customerId(), reason, List.of(), request.email()));
	}

	/**
	 * The entry of a rejection for shortages without its data, which only the script knows: it
	 * appends {@code 'data'} and the {@link OrderRejected} itself.
	 */
	List<String> rejectedWithoutData(ReservationRequest request) {
		return this.outbox.partialEntry(BINDING, EventTypes.ORDER_REJECTED, id(EventTypes.ORDER_REJECTED.name(), request),
				request.orderId());
	}

	private static String id(String type, ReservationRequest request) {
		return type + ":" + request.orderId();
	}

}
