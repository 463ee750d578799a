package io.fnorders.platform.messaging;

import java.util.UUID;

import io.fnorders.events.EventType;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.messaging.Message;

/**
 * Publishes CloudEvents to an output binding. Which destination and broker the binding points at
 * is configuration; so is the record key (for Kafka, the binding's {@code message-key-expression}
 * reads {@code ce_subject}). Publishing is synchronous where the binding is configured so: a broker
 * that does not acknowledge surfaces as {@link EventPublicationException}.
 */
public class CloudEventPublisher {

	private final StreamBridge streamBridge;

	private final CloudEvents cloudEvents;

	public CloudEventPublisher(StreamBridge streamBridge, CloudEvents cloudEvents) {
		this.streamBridge = streamBridge;
		this.cloudEvents = cloudEvents;
	}

	/** Publishes an event with a new random id; returns the id. */
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
		Message<T> message = this.cloudEvents.message(type, id, subject, data);
		String failure = "The broker did not accept " + type.name() + " for " + subject + " on '" + binding + "'";
		boolean sent;
		try {
			sent = this.streamBridge.send(binding, message);
		}
		catch (RuntimeException ex) {
			throw new EventPublicationException(failure, ex);
		}
		if (!sent) {
			throw new EventPublicationException(failure);
		}
	}

}
