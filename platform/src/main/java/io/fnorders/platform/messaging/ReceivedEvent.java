package io.fnorders.platform.messaging;

import io.fnorders.events.EventType;
import org.jspecify.annotations.Nullable;

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

	/**
	 * Refuses an event whose data is about another entity than its subject says: the subject keys
	 * its record, so such an event would be ordered with the wrong entity's.
	 * @param entity what the subject names ("order", "sku")
	 * @param idInData that entity's id as the data gives it
	 * @throws UnreadableEventException when the two differ
	 */
	public void requireSubject(String entity, @Nullable String idInData) {
		if (!this.subject.equals(idInData)) {
			throw new UnreadableEventException(this.type.name() + " " + this.id + " is about " + entity + " '" + idInData
					+ "' but its subject is '" + this.subject + "'");
		}
	}

	/** The data as {@code other}'s record. */
	public <U> U dataAs(EventType<U> other) {
		if (!is(other)) {
			throw new IllegalStateException("Event " + this.id + " is " + this.type.name() + ", not " + other.name());
		}
		return other.dataType().cast(this.data);
	}

}
