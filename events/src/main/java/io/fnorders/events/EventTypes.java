package io.fnorders.events;

import java.util.List;
import java.util.Optional;

/** Every event type of the system, declared once. */
public final class EventTypes {

	public static final EventType<ProductUpserted> PRODUCT_UPSERTED =
			new EventType<>("product.upserted", ProductUpserted.class, 1);

	/** All known types; a consumer treats any other {@code type} as unreadable. */
	public static final List<EventType<?>> ALL = List.of(PRODUCT_UPSERTED);

	private EventTypes() {
	}

	/** The event type with this CloudEvents {@code type} name, if there is one. */
	public static Optional<EventType<?>> named(String name) {
		return ALL.stream().filter(type -> type.name().equals(name)).findFirst();
	}

}
