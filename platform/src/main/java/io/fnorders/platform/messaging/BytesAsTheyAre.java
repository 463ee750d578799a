package io.fnorders.platform.messaging;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.converter.AbstractMessageConverter;

/**
 * Passes a {@code byte[]} payload through as it is, whatever its content type: into a function
 * that takes bytes, and out of a send whose payload is bytes already (the outbox relay's events).
 * <p>
 * Spring Cloud Function offers a payload to its JSON converter first. For bytes into bytes that
 * converter tries to read the JSON as a byte array, fails, and throws twice before the next
 * converter copies the bytes; for bytes out it parses the whole payload as JSON, then tries it as
 * an integer and throws, only to send the same bytes. A converter bean of the application's own
 * comes before the framework's, so this one answers first and the bytes are neither parsed nor
 * copied; the result is the same. A batch of records (a {@code List} of {@code byte[]}, from a
 * Kafka binding in batch mode) into a function that takes a list of bytes passes through too.
 */
public class BytesAsTheyAre extends AbstractMessageConverter {

	public BytesAsTheyAre() {
		// no content types: any content type is accepted
		super(List.of());
	}

	@Override
	protected boolean supports(Class<?> type) {
		return type == byte[].class || type == List.class;
	}

	@Override
	protected boolean canConvertFrom(Message<?> message, @Nullable Class<?> targetClass) {
		if (targetClass == List.class) {
			return message.getPayload() instanceof List<?> list && list.stream().allMatch(byte[].class::isInstance);
		}
		return message.getPayload() instanceof byte[] && targetClass == byte[].class;
	}

	@Override
	protected boolean canConvertTo(Object payload, @Nullable MessageHeaders headers) {
		return payload instanceof byte[];
	}

	@Override
	protected @Nullable Object convertFromInternal(Message<?> message, Class<?> targetClass,
			@Nullable Object conversionHint) {
		if (targetClass == List.class && !isListOfBytes(conversionHint)) {
			return null;
		}
		return message.getPayload();
	}

	/** Whether the function asks for {@code List<byte[]>}: other lists are for the other converters. */
	private static boolean isListOfBytes(@Nullable Object hint) {
		if (!(hint instanceof ParameterizedType type) || type.getRawType() != List.class) {
			return false;
		}
		Type element = type.getActualTypeArguments()[0];
		return element == byte[].class;
	}

	@Override
	protected Object convertToInternal(Object payload, @Nullable MessageHeaders headers,
			@Nullable Object conversionHint) {
		return payload;
	}

}
