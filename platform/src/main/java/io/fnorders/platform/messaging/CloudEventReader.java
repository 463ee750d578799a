package io.fnorders.platform.messaging;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import io.fnorders.events.EventType;
import io.fnorders.events.EventTypes;
import org.springframework.cloud.function.cloudevent.CloudEventMessageUtils;
import org.springframework.messaging.Message;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a binary-mode CloudEvent (attributes as {@code ce_}, {@code ce-} or AMQP headers, JSON
 * data as payload) into a {@link ReceivedEvent}, accepting only the types a consumer expects.
 * Whatever it cannot read is an {@link UnreadableEventException}.
 */
public class CloudEventReader {

	private final JsonMapper jsonMapper;

	public CloudEventReader(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper.rebuild()
			.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
			.enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
			.build();
	}

	/** Reads the message as one of {@code expected}. */
	public ReceivedEvent<?> read(Message<?> message, EventType<?>... expected) {
		String typeName = CloudEventMessageUtils.getType(message);
		if (typeName == null) {
			throw new UnreadableEventException("Not a CloudEvent: no type attribute");
		}
		EventType<?> type = EventTypes.named(typeName)
			.filter(List.of(expected)::contains)
			.orElseThrow(() -> new UnreadableEventException("Unexpected event type '" + typeName + "' (expected "
					+ Arrays.stream(expected).map(EventType::name).toList() + ")"));
		String id = CloudEventMessageUtils.getId(message);
		String subject = CloudEventMessageUtils.getSubject(message);
		if (id == null || id.isBlank()) {
			throw new UnreadableEventException("The " + typeName + " event has no id");
		}
		if (subject == null || subject.isBlank()) {
			throw new UnreadableEventException("The " + typeName + " event " + id + " has no subject");
		}
		return new ReceivedEvent<>(cast(type), id, subject, data(message, type, id));
	}

	@SuppressWarnings("unchecked")
	private static EventType<Object> cast(EventType<?> type) {
		return (EventType<Object>) type;
	}

	private <T> T data(Message<?> message, EventType<T> type, String id) {
		Object payload = message.getPayload();
		try {
			if (payload instanceof byte[] bytes) {
				return this.jsonMapper.readValue(bytes, type.dataType());
			}
			if (payload instanceof String text) {
				return this.jsonMapper.readValue(text.getBytes(StandardCharsets.UTF_8), type.dataType());
			}
			if (type.dataType().isInstance(payload)) {
				return type.dataType().cast(payload);
			}
			return this.jsonMapper.convertValue(payload, type.dataType());
		}
		catch (JacksonException | IllegalArgumentException ex) {
			throw new UnreadableEventException("The data of " + type.name() + " event " + id + " is not a valid "
					+ type.dataType().getSimpleName() + ": " + ex.getMessage(), ex);
		}
	}

}
