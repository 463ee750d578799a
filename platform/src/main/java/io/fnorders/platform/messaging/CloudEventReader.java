package io.fnorders.platform.messaging;

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import io.fnorders.events.EventType;
import io.fnorders.events.EventTypes;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.function.cloudevent.CloudEventMessageUtils;
import org.springframework.messaging.Message;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a binary-mode CloudEvent (attributes as {@code ce_}, {@code ce-} or AMQP headers, JSON
 * data as payload) into a {@link ReceivedEvent}, accepting only the types a consumer expects.
 * Whatever it cannot read is an {@link UnreadableEventException}, and so is data that leaves out
 * a field its record does not mark {@link Nullable} (a field added later is marked so, and
 * events written before it still read).
 */
public class CloudEventReader {

	private final JsonMapper jsonMapper;

	public CloudEventReader(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper.rebuild()
			.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
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
		T data;
		try {
			if (payload instanceof byte[] bytes) {
				data = this.jsonMapper.readValue(bytes, type.dataType());
			}
			else if (payload instanceof String text) {
				data = this.jsonMapper.readValue(text.getBytes(StandardCharsets.UTF_8), type.dataType());
			}
			else if (type.dataType().isInstance(payload)) {
				data = type.dataType().cast(payload);
			}
			else {
				data = this.jsonMapper.convertValue(payload, type.dataType());
			}
		}
		catch (JacksonException | IllegalArgumentException ex) {
			throw new UnreadableEventException("The data of " + type.name() + " event " + id + " is not a valid "
					+ type.dataType().getSimpleName() + ": " + ex.getMessage(), ex);
		}
		String missing = missingField(data, "");
		if (missing != null) {
			throw new UnreadableEventException("The data of " + type.name() + " event " + id + " is not a valid "
					+ type.dataType().getSimpleName() + ": '" + missing + "' is missing");
		}
		return data;
	}

	/** The path of the first field that is null without being {@link Nullable}, in records and their lists. */
	private static @Nullable String missingField(@Nullable Object value, String path) {
		if (value instanceof Iterable<?> elements) {
			int index = 0;
			for (Object element : elements) {
				String missing = missingField(element, path + "[" + index++ + "]");
				if (missing != null) {
					return missing;
				}
			}
			return null;
		}
		if (value == null || !value.getClass().isRecord()) {
			return null;
		}
		for (Component component : COMPONENTS.get(value.getClass())) {
			Object fieldValue;
			try {
				fieldValue = component.accessor().invoke(value);
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException("Cannot read " + component.name(), ex);
			}
			if (fieldValue == null) {
				if (!component.nullable()) {
					return path.isEmpty() ? component.name() : path + "." + component.name();
				}
				continue;
			}
			if (fieldValue instanceof Iterable<?> || fieldValue.getClass().isRecord()) {
				String missing = missingField(fieldValue,
						path.isEmpty() ? component.name() : path + "." + component.name());
				if (missing != null) {
					return missing;
				}
			}
		}
		return null;
	}

	/** A record's component as the check needs it: read once per record class, not per event. */
	private record Component(String name, Method accessor, boolean nullable) {
	}

	private static final ClassValue<List<Component>> COMPONENTS = new ClassValue<>() {

		@Override
		protected List<Component> computeValue(Class<?> type) {
			return Arrays.stream(type.getRecordComponents())
				.map(component -> new Component(component.getName(), component.getAccessor(),
						component.getAnnotatedType().isAnnotationPresent(Nullable.class)))
				.toList();
		}

	};

}
