package io.fnorders.platform.messaging;

import java.time.Clock;
import java.time.OffsetDateTime;

import io.fnorders.events.EventType;
import org.springframework.cloud.function.cloudevent.CloudEventMessageBuilder;
import org.springframework.messaging.Message;
import org.springframework.util.MimeTypeUtils;

/**
 * Builds binary-mode CloudEvents messages: attributes as headers with the configured prefix
 * ({@code ce_} for Kafka), the record as payload, converted to JSON by the binder. Used for what a
 * function returns to its output binding and for what the outbox relay publishes.
 */
public class CloudEvents {

	private final String source;

	private final String attributePrefix;

	private final Clock clock;

	/**
	 * @param source the {@code source} attribute: the publishing service's name
	 * @param attributePrefix the header prefix of the attributes
	 * @param clock the clock of the {@code time} attribute
	 */
	public CloudEvents(String source, String attributePrefix, Clock clock) {
		this.source = source;
		this.attributePrefix = attributePrefix;
		this.clock = clock;
	}

	/**
	 * A message carrying one event.
	 * @param id the {@code id}: the same for every publication of the same logical event, so
	 * consumers can drop repeats
	 * @param subject the {@code subject}: the entity the event is about (orderId, sku); Kafka
	 * bindings use it as the record key
	 */
	public <T> Message<T> message(EventType<T> type, String id, String subject, T data) {
		return message(type, id, subject, data, OffsetDateTime.now(this.clock));
	}

	/**
	 * A message carrying one event that happened at {@code time}, with {@code data} as it is (the
	 * JSON bytes of an event written to an outbox, say).
	 */
	public <T> Message<T> message(EventType<?> type, String id, String subject, T data, OffsetDateTime time) {
		return CloudEventMessageBuilder.withData(data)
			.setId(id)
			.setSource(this.source)
			.setType(type.name())
			.setSubject(subject)
			.setDataSchema(type.dataSchema())
			.setDataContentType(MimeTypeUtils.APPLICATION_JSON_VALUE)
			.setTime(time)
			.build(this.attributePrefix);
	}

}
