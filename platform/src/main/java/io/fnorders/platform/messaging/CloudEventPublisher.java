package io.fnorders.platform.messaging;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;

import io.fnorders.events.EventType;
import org.springframework.cloud.function.cloudevent.CloudEventMessageBuilder;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.messaging.Message;
import org.springframework.util.MimeTypeUtils;

/**
 * Publishes CloudEvents in binary mode (attributes as headers, JSON data as payload) to an output
 * binding. Which destination and broker the binding points at is configuration; so is the record
 * key (for Kafka, the binding's {@code message-key-expression} reads {@code ce_subject}).
 * Publishing is synchronous when the binding is configured so: a broker that does not acknowledge
 * surfaces as {@link EventPublicationException}.
 */
public class CloudEventPublisher {

	private final StreamBridge streamBridge;

	private final String source;

	private final String attributePrefix;

	private final Clock clock;

	public CloudEventPublisher(StreamBridge streamBridge, String source, String attributePrefix, Clock clock) {
		this.streamBridge = streamBridge;
		this.source = source;
		this.attributePrefix = attributePrefix;
		this.clock = clock;
	}

	/** Publishes an event with a new random id. */
	public <T> String publish(String binding, EventType<T> type, String subject, T data) {
		String id = UUID.randomUUID().toString();
		publish(binding, type, id, subject, data);
		return id;
	}

	/**
	 * Publishes an event with the given id: republishing the same logical event keeps its id, so
	 * consumers can drop the repeat.
	 */
	public <T> void publish(String binding, EventType<T> type, String id, String subject, T data) {
		Message<T> message = CloudEventMessageBuilder.withData(data)
			.setId(id)
			.setSource(this.source)
			.setType(type.name())
			.setSubject(subject)
			.setDataSchema(type.dataSchema())
			.setDataContentType(MimeTypeUtils.APPLICATION_JSON_VALUE)
			.setTime(OffsetDateTime.now(this.clock))
			.build(this.attributePrefix);
		boolean sent;
		try {
			sent = this.streamBridge.send(binding, message);
		}
		catch (RuntimeException ex) {
			throw new EventPublicationException(
					"The broker did not accept " + type.name() + " for " + subject + " on '" + binding + "'", ex);
		}
		if (!sent) {
			throw new EventPublicationException(
					"The broker did not accept " + type.name() + " for " + subject + " on '" + binding + "'");
		}
	}

}
