package io.fnorders.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jspecify.annotations.Nullable;

/**
 * Reads a topic of the shared broker from its beginning, for assertions on what a function
 * published. Each reader is its own consumer group, so readers never steal records from the
 * functions under test.
 */
public final class TopicReader implements AutoCloseable {

	private final KafkaConsumer<String, String> consumer;

	private final List<ConsumerRecord<String, String>> seen = new ArrayList<>();

	private TopicReader(Map<String, Object> client, String topic) {
		Map<String, Object> config = new HashMap<>(client);
		config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID());
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
		this.consumer.subscribe(List.of(topic));
	}

	/** A reader of {@code topic} of the shared broker, from its first record. */
	public static TopicReader of(String topic) {
		return of(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedBrokers.kafkaBootstrapServers()), topic);
	}

	/**
	 * A reader of {@code topic} of another broker (a local stack's), from its first record.
	 * @param client where the broker is and who the reader is (its bootstrap servers, SASL settings)
	 */
	public static TopicReader of(Map<String, Object> client, String topic) {
		return new TopicReader(client, topic);
	}

	/** How many records a topic of that broker holds (the sum of its partitions' end offsets). */
	public static long recordsIn(Map<String, Object> client, String topic) {
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(client, new StringDeserializer(),
				new StringDeserializer())) {
			List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10))
				.stream()
				.map(info -> new TopicPartition(topic, info.partition()))
				.toList();
			return consumer.endOffsets(partitions, Duration.ofSeconds(10)).values().stream().mapToLong(Long::longValue).sum();
		}
	}

	/** Every record read so far, after polling once more. */
	public List<ConsumerRecord<String, String>> seen() {
		this.consumer.poll(Duration.ofMillis(200)).forEach(this.seen::add);
		return List.copyOf(this.seen);
	}

	/**
	 * Polls until a record matches, or fails after {@code timeout}.
	 * @return the first matching record
	 */
	public ConsumerRecord<String, String> await(Predicate<ConsumerRecord<String, String>> match, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		int index = 0;
		while (true) {
			for (; index < this.seen.size(); index++) {
				if (match.test(this.seen.get(index))) {
					return this.seen.get(index);
				}
			}
			if (System.nanoTime() > deadline) {
				throw new AssertionError("No matching record within " + timeout + "; saw " + this.seen.size()
						+ " record(s): " + this.seen.stream().map(ConsumerRecord::value).toList());
			}
			this.consumer.poll(Duration.ofMillis(200)).forEach(this.seen::add);
		}
	}

	/**
	 * Keeps reading for {@code duration}, then returns the records seen so far that match: for
	 * asserting that something was published only once.
	 */
	public List<ConsumerRecord<String, String>> readFor(Duration duration, Predicate<ConsumerRecord<String, String>> match) {
		long deadline = System.nanoTime() + duration.toNanos();
		while (System.nanoTime() < deadline) {
			this.consumer.poll(Duration.ofMillis(200)).forEach(this.seen::add);
		}
		return this.seen.stream().filter(match).toList();
	}

	/**
	 * Polls until {@code count} records match, or fails after {@code timeout}.
	 * @return the matching records, in the order they were read
	 */
	public List<ConsumerRecord<String, String>> awaitCount(Predicate<ConsumerRecord<String, String>> match, int count,
			Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		List<ConsumerRecord<String, String>> matching = new ArrayList<>();
		int index = 0;
		while (true) {
			for (; index < this.seen.size(); index++) {
				if (match.test(this.seen.get(index))) {
					matching.add(this.seen.get(index));
				}
			}
			if (matching.size() >= count) {
				return List.copyOf(matching);
			}
			if (System.nanoTime() > deadline) {
				throw new AssertionError("Only " + matching.size() + " of " + count + " matching records within "
						+ timeout);
			}
			this.consumer.poll(Duration.ofMillis(200)).forEach(this.seen::add);
		}
	}

	/** The value of a record header as UTF-8 text, or {@code null} when the record lacks it. */
	public static @Nullable String header(ConsumerRecord<?, ?> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

	@Override
	public void close() {
		this.consumer.close(Duration.ofSeconds(2));
	}

}
