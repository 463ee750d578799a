package io.fnorders.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.MessageBuilder;

class BytesAsTheyAreTests {

	private final BytesAsTheyAre converter = new BytesAsTheyAre();

	@Test
	void handsJsonBytesToAFunctionThatTakesBytesAsTheyAre() {
		byte[] json = "{\"orderId\":\"o-1\"}".getBytes(StandardCharsets.UTF_8);
		Message<byte[]> message = MessageBuilder.withPayload(json)
			.setHeader(MessageHeaders.CONTENT_TYPE, "application/json")
			.build();

		assertThat(this.converter.fromMessage(message, byte[].class)).isSameAs(json);
	}

	@Test
	void sendsBytesAsTheyAreAndKeepsTheirContentType() {
		byte[] notEvenJson = "42 and more".getBytes(StandardCharsets.UTF_8);

		Message<?> sent = this.converter.toMessage(notEvenJson,
				new MessageHeaders(Map.of(MessageHeaders.CONTENT_TYPE, "application/json")));

		assertThat(sent).isNotNull();
		assertThat(sent.getPayload()).isSameAs(notEvenJson);
		assertThat(sent.getHeaders().get(MessageHeaders.CONTENT_TYPE)).hasToString("application/json");
	}

	@Test
	void handsABatchOfBytesToAFunctionThatTakesAListOfBytesAsItIs() throws Exception {
		List<byte[]> batch = List.of("{}".getBytes(StandardCharsets.UTF_8), "[]".getBytes(StandardCharsets.UTF_8));
		Message<List<byte[]>> message = MessageBuilder.withPayload(batch).build();

		assertThat(this.converter.fromMessage(message, List.class, listOf("bytes"))).isSameAs(batch);
		assertThat(this.converter.fromMessage(message, List.class, listOf("texts"))).as("a list of something else")
			.isNull();
		assertThat(this.converter.fromMessage(MessageBuilder.withPayload(List.of("{}")).build(), List.class,
				listOf("bytes"))).as("a list of text").isNull();
	}

	private static Type listOf(String field) throws NoSuchFieldException {
		return Lists.class.getDeclaredField(field).getGenericType();
	}

	/** Where the generic types of the function inputs come from. */
	private static final class Lists {

		List<byte[]> bytes;

		List<String> texts;

	}

	@Test
	void leavesEveryOtherConversionToTheConvertersAfterIt() {
		Message<String> text = MessageBuilder.withPayload("{}").build();
		Message<byte[]> bytes = MessageBuilder.withPayload(new byte[] { '{', '}' }).build();

		assertThat(this.converter.fromMessage(text, byte[].class)).isNull();
		assertThat(this.converter.fromMessage(bytes, Map.class)).isNull();
		assertThat(this.converter.toMessage(Map.of("a", 1), null)).isNull();
	}

}
