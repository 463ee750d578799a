package io.fnorders.platform.messaging;

import io.fnorders.events.EventType;

/**
 * A CloudEvent as a consumer sees it: its type, id, subject and typed data.
 *
 * @param type the event type
 * @param id the {@code id} attribute: the same for every delivery of the same event
 * @param subject the {@code subject} attribute (an orderId or a sku)
 * @param data the data, read into the type's record
 */
public record ReceivedEvent<T>(EventType<T> type, String id, String subject, T data) {

	/** Whether this is an event of {@code other}. */
	public boolean is(EventType<?> other) {
		return this.type.equals(other);
	}

	/** The data as {@code other}'s record. */
	public <U> U dataAs(EventType<U> other) {
		if (!is(other)) {
			throw new IllegalStateException("Event " + this.id + " is " + this.type.name() + ", not " + other.name());
		}
		return other.dataType().cast(this.data);
	}

}
