package io.fnorders.events;

import java.util.List;
import java.util.Optional;

/** Every event type of the system, declared once. */
public final class EventTypes {

	public static final EventType<ProductUpserted> PRODUCT_UPSERTED =
			new EventType<>("product.upserted", ProductUpserted.class, 1);

	public static final EventType<OrderPlaced> ORDER_PLACED = new EventType<>("order.placed", OrderPlaced.class, 1);

	public static final EventType<OrderCancelled> ORDER_CANCELLED =
			new EventType<>("order.cancelled", OrderCancelled.class, 1);

	public static final EventType<OrderConfirmed> ORDER_CONFIRMED =
			new EventType<>("order.confirmed", OrderConfirmed.class, 1);

	public static final EventType<OrderRejected> ORDER_REJECTED =
			new EventType<>("order.rejected", OrderRejected.class, 1);

	public static final EventType<StockChanged> STOCK_CHANGED =
			new EventType<>("stock.changed", StockChanged.class, 1);

	/** All known types; a consumer treats any other {@code type} as unreadable. */
	public static final List<EventType<?>> ALL = List.of(PRODUCT_UPSERTED, ORDER_PLACED, ORDER_CANCELLED,
			ORDER_CONFIRMED, ORDER_REJECTED, STOCK_CHANGED);

	private EventTypes() {
	}

	/** The event type with this CloudEvents {@code type} name, if there is one. */
	public static Optional<EventType<?>> named(String name) {
		return ALL.stream().filter(type -> type.name().equals(name)).findFirst();
	}

}
