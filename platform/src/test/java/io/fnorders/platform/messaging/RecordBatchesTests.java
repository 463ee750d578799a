package io.fnorders.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

class RecordBatchesTests {

	private final RecordBatches batches = new RecordBatches(null, null);

	@Test
	void makesEachRecordOfABatchTheMessageItWouldHaveBeenWithItsOwnHeaders() {
		Message<List<byte[]>> batch = MessageBuilder.withPayload(List.of(bytes("one"), bytes("two")))
			.setHeader(KafkaHeaders.BATCH_CONVERTED_HEADERS,
					List.of(Map.of("ce_type", "order.placed", "ce_id", "1"), Map.of("ce_type", "order.cancelled")))
			.build();

		List<BatchedRecord> records = this.batches.records(batch, "test");

		assertThat(records).extracting(BatchedRecord::index).containsExactly(0, 1);
		assertThat(records.get(0).message().getPayload()).asString(StandardCharsets.UTF_8).isEqualTo("one");
		assertThat(records.get(0).message().getHeaders()).containsEntry("ce_type", "order.placed").containsEntry("ce_id", "1");
		assertThat(records.get(1).message().getHeaders()).containsEntry("ce_type", "order.cancelled")
			.doesNotContainKey("ce_id");
		assertThat(records.get(1).inTrace(() -> "done")).as("without a tracer the work is done as it is").isEqualTo("done");
	}

	@Test
	void readsTheRawHeadersOfABatchWithoutAHeaderMapper() {
		RecordHeaders raw = new RecordHeaders();
		raw.add("ce_type", bytes("order.placed"));
		Message<List<byte[]>> batch = MessageBuilder.withPayload(List.of(bytes("{}")))
			.setHeader(KafkaHeaders.NATIVE_HEADERS, List.of(raw))
			.build();

		assertThat(this.batches.records(batch, "test").getFirst().message().getHeaders().get("ce_type"))
			.isEqualTo(bytes("order.placed"));
	}

	@Test
	void refusesABatchWhoseRecordsHaveNoHeadersOfTheirOwn() {
		Message<List<byte[]>> batch = MessageBuilder.withPayload(List.of(bytes("{}"))).build();

		assertThatIllegalStateException().isThrownBy(() -> this.batches.records(batch, "test"))
			.withMessageContaining("batch mode");
	}

	@Test
	void namesTheFailedRecordTheWaySpringKafkasErrorHandlerLooksForIt() {
		IllegalArgumentException cause = new IllegalArgumentException("not an order");

		RuntimeException failure = RecordBatches.failedAt(3, cause);

		assertThat(failure).isInstanceOfSatisfying(BatchListenerFailedException.class,
				failed -> assertThat(failed.getIndex()).isEqualTo(3));
		assertThat(failure.getCause()).isSameAs(cause);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
