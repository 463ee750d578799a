package io.fnorders.platform.messaging;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.jspecify.annotations.Nullable;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/**
 * The records of one poll, as a Kafka binding in batch mode ({@code batch-mode: true}) hands them
 * to a function: a {@code Message<List<byte[]>>} whose {@code kafka_batchConvertedHeaders} (or,
 * without a header mapper, {@code kafka_nativeHeaders}) hold each record's headers. Each becomes
 * the message a binding in record mode would have delivered, with its own span continuing the
 * trace its headers carry: spring-kafka observes a batch listener as a whole, if at all, so
 * without this a record's log lines and the events that follow it would lose their trace.
 * <p>
 * A function that fails on one record says which with {@link #failedAt}: spring-kafka's error
 * handler then commits the records before it, waits out an outage on it or dead-letters it, and
 * delivers the rest again ({@link ConsumerFailureHandling}), so a batch keeps the record mode's
 * handling of each bad record.
 */
public class RecordBatches {

	private static final Propagator.Getter<Map<String, Object>> HEADER = (headers, name) -> text(headers.get(name));

	private final @Nullable Tracer tracer;

	private final @Nullable Propagator propagator;

	/** Either may be absent: the records then have no spans. */
	public RecordBatches(@Nullable Tracer tracer, @Nullable Propagator propagator) {
		this.tracer = tracer;
		this.propagator = propagator;
	}

	/**
	 * The records of the batch in the order they were polled, each with a span named
	 * {@code spanName}, started by its first {@link BatchedRecord#inTrace work}:
	 * {@link BatchedRecord#end end} each one that started once it is handled.
	 */
	public List<BatchedRecord> records(Message<List<byte[]>> batch, String spanName) {
		List<byte[]> payloads = batch.getPayload();
		List<Map<String, Object>> headers = headersOf(batch, payloads.size());
		List<BatchedRecord> records = new ArrayList<>(payloads.size());
		for (int index = 0; index < payloads.size(); index++) {
			Map<String, Object> recordHeaders = headers.get(index);
			byte[] payload = payloads.get(index);
			// made when asked for: a batch handed back after a failed record is read again up to
			// that record's successor, not whole
			records.add(new BatchedRecord(index, () -> MessageBuilder.withPayload(payload).copyHeaders(recordHeaders).build(),
					() -> span(recordHeaders, spanName), this.tracer));
		}
		return records;
	}

	/**
	 * What a batch function throws when the record at {@code index} fails: the records before it
	 * are done, and {@code cause} says whether to wait (an outage) or to dead-letter the record.
	 */
	public static RuntimeException failedAt(int index, Throwable cause) {
		return new BatchListenerFailedException("Record " + index + " of the batch failed: " + cause.getMessage(),
				cause, index);
	}

	private @Nullable Span span(Map<String, Object> headers, String name) {
		if (this.tracer == null || this.propagator == null) {
			return null;
		}
		return this.propagator.extract(headers, HEADER).kind(Span.Kind.CONSUMER).name(name).start();
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> headersOf(Message<List<byte[]>> batch, int size) {
		Object converted = batch.getHeaders().get(KafkaHeaders.BATCH_CONVERTED_HEADERS);
		if (converted instanceof List<?> list && list.size() == size) {
			return (List<Map<String, Object>>) list;
		}
		Object natives = batch.getHeaders().get(KafkaHeaders.NATIVE_HEADERS);
		if (natives instanceof List<?> list && list.size() == size) {
			return list.stream().map(headers -> mapped((Headers) headers)).toList();
		}
		throw new IllegalStateException("A batch of " + size + " records without the headers of each: is the binding "
				+ "a Kafka binding in batch mode?");
	}

	/** Raw Kafka headers as text, the way the binder's header mapper hands over those it has no type for. */
	private static Map<String, Object> mapped(Headers headers) {
		Map<String, Object> mapped = new LinkedHashMap<>();
		for (Header header : headers) {
			mapped.put(header.key(), header.value());
		}
		return mapped;
	}

	private static @Nullable String text(@Nullable Object value) {
		if (value instanceof byte[] bytes) {
			return new String(bytes, StandardCharsets.UTF_8);
		}
		return (value != null) ? value.toString() : null;
	}

}
