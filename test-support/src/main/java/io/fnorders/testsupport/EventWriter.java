package io.fnorders.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.fnorders.events.EventType;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes records to the shared broker the way the functions do: binary-mode CloudEvents with
 * {@code ce_} headers and JSON data, keyed by subject. Also writes anything else, for poison
 * message tests.
 */
public final class EventWriter implements AutoCloseable {

	private final KafkaProducer<String, byte[]> producer;

	private final JsonMapper json = JsonMapper.builder().build();

	private EventWriter(Map<String, Object> client) {
		Map<String, Object> settings = new HashMap<>(client);
		settings.put(ProducerConfig.ACKS_CONFIG, "all");
		settings.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 0);
		this.producer = new KafkaProducer<>(settings, new StringSerializer(), new ByteArraySerializer());
	}

	/** A writer to the shared broker of the tests. */
	public static EventWriter create() {
		return new EventWriter(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedBrokers.kafkaBootstrapServers()));
	}

	/** A writer with these client settings (a broker, how to sign in, the producer's batching). */
	public static EventWriter create(Map<String, Object> client) {
		return new EventWriter(client);
	}

	/** Writes one CloudEvent and waits for the broker's acknowledgement. */
	public <T> void send(String topic, EventType<T> type, String id, String subject, T data) {
		send(topic, subject, headers(type.name(), id, subject), this.json.writeValueAsBytes(data));
	}

	/** Hands one CloudEvent to the producer without waiting; {@link #flush} waits for all. */
	public <T> Future<RecordMetadata> sendAsync(String topic, EventType<T> type, String id, String subject, T data) {
		return this.producer.send(record(topic, subject, headers(type.name(), id, subject),
				this.json.writeValueAsBytes(data)));
	}

	/** Waits until every record handed over so far is acknowledged. */
	public void flush() {
		this.producer.flush();
	}

	/** Hands one record with the given attributes and raw payload to the producer without waiting. */
	public Future<RecordMetadata> sendAsync(String topic, String key, Map<String, String> attributes, byte[] payload) {
		return this.producer.send(record(topic, key, attributes, payload));
	}

	/** Writes one record with the given CloudEvents attributes and raw payload. */
	public void send(String topic, String key, Map<String, String> attributes, byte[] payload) {
		try {
			this.producer.send(record(topic, key, attributes, payload)).get(10, TimeUnit.SECONDS);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Could not write to " + topic, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static ProducerRecord<String, byte[]> record(String topic, String key, Map<String, String> attributes,
			byte[] payload) {
		List<Header> headers = new ArrayList<>();
		attributes.forEach((name, value) -> headers.add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8))));
		return new ProducerRecord<>(topic, null, key, payload, headers);
	}

	/** The attributes of a binary-mode CloudEvent on Kafka. */
	public static Map<String, String> headers(String type, String id, String subject) {
		return Map.of("ce_specversion", "1.0", "ce_type", type, "ce_id", id, "ce_source", "test", "ce_subject",
				subject, "content-type", "application/json");
	}

	@Override
	public void close() {
		this.producer.close(Duration.ofSeconds(5));
	}

}
