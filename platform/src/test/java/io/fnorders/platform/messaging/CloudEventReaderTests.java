package io.fnorders.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import io.fnorders.events.EventTypes;
import io.fnorders.events.OrderPlaced;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import tools.jackson.databind.json.JsonMapper;

/** What a consumer accepts as event data: every field its record does not mark nullable. */
class CloudEventReaderTests {

	private final CloudEventReader reader = new CloudEventReader(JsonMapper.builder().build());

	@Test
	void readsAnEventWhoseOptionalFieldsAreAbsent() {
		ReceivedEvent<?> event = this.reader.read(placed("""
				{"orderId":"o-1","customerId":"c-1","lines":[{"sku":"MUG","quantity":1,"unitPrice":2.50}],
				"total":2.50,"currency":"EUR","placedAt":"2026-12-01T10:00:00Z"}"""), EventTypes.ORDER_PLACED);

		OrderPlaced placed = event.dataAs(EventTypes.ORDER_PLACED);
		assertThat(placed.lines()).singleElement().satisfies(line -> assertThat(line.sku()).isEqualTo("MUG"));
		assertThat(placed.email()).isNull();
	}

	@Test
	void refusesDataThatLeavesOutARequiredFieldNamingItsPath() {
		String withoutSku = """
				{"orderId":"o-1","customerId":"c-1","lines":[{"sku":"MUG","quantity":1,"unitPrice":2.50},
				{"quantity":1,"unitPrice":2.50}],"total":5.00,"currency":"EUR","placedAt":"2026-12-01T10:00:00Z"}""";
		String withoutCustomer = """
				{"orderId":"o-1","lines":[],"total":0,"currency":"EUR","placedAt":"2026-12-01T10:00:00Z"}""";

		// the same record class twice: what is read of it once is not mistaken for its values
		assertThatThrownBy(() -> this.reader.read(placed(withoutSku), EventTypes.ORDER_PLACED))
			.isInstanceOf(UnreadableEventException.class)
			.hasMessageContaining("'lines[1].sku' is missing");
		assertThatThrownBy(() -> this.reader.read(placed(withoutCustomer), EventTypes.ORDER_PLACED))
			.isInstanceOf(UnreadableEventException.class)
			.hasMessageContaining("'customerId' is missing");
	}

	private static Message<byte[]> placed(String data) {
		return MessageBuilder.withPayload(data.getBytes(StandardCharsets.UTF_8))
			.setHeader("ce_specversion", "1.0")
			.setHeader("ce_type", "order.placed")
			.setHeader("ce_id", "order.placed:o-1")
			.setHeader("ce_source", "test")
			.setHeader("ce_subject", "o-1")
			.build();
	}

}
