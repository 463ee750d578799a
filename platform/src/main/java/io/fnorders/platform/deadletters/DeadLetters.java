package io.fnorders.platform.deadletters;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import io.fnorders.errors.ForbiddenException;
import io.fnorders.errors.NotFoundException;
import io.fnorders.errors.RetryLaterException;
import io.fnorders.events.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jspecify.annotations.Nullable;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * Lists the dead-letter topic of an event topic and replays chosen records (or all) to the topic
 * they came from, with their original key, value and headers, without the dead-letter headers,
 * and with {@value #REPLAYS} counting the replays. Every consumer group of that topic gets a
 * replayed record again; they are idempotent, so only one that failed on it does anything, and a
 * double replay is harmless. A dead-letter topic keeps what was replayed (Kafka deletes nothing
 * on demand): the listing shows it, with the replays counted.
 */
public class DeadLetters {

	/** The header counting how often a record was replayed from a dead-letter topic. */
	public static final String REPLAYS = "fnorders-replays";

	private final Map<String, Object> consumerConfig;

	private final Map<String, Object> producerConfig;

	private final Map<String, Object> adminConfig = new HashMap<>();

	private final Duration timeout;

	/**
	 * @param consumerConfig settings of the Kafka consumer that reads dead-letter topics
	 * @param producerConfig settings of the Kafka producer that replays
	 * @param timeout how long reading a topic or a replay's send may take
	 */
	public DeadLetters(Map<String, Object> consumerConfig, Map<String, Object> producerConfig, Duration timeout) {
		this.consumerConfig = new HashMap<>(consumerConfig);
		this.consumerConfig.remove(ConsumerConfig.GROUP_ID_CONFIG);
		this.consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		this.consumerConfig.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		this.consumerConfig.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		// the consumer's broker, sign-in and time-outs, for asking the broker who may read
		consumerConfig.forEach((key, value) -> {
			if (AdminClientConfig.configNames().contains(key)) {
				this.adminConfig.put(key, value);
			}
		});
		this.producerConfig = new HashMap<>(producerConfig);
		this.producerConfig.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		this.producerConfig.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		this.producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
		this.producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		this.timeout = timeout;
	}

	/** The first {@code limit} dead letters of an event topic, oldest first per partition. */
	public List<DeadLetter> list(String topic, int limit) {
		List<DeadLetter> letters = new ArrayList<>();
		read(topic, record -> {
			if (letters.size() < limit) {
				letters.add(deadLetterOf(topic, record));
			}
		});
		return letters;
	}

	/**
	 * Replays the dead letters at these positions ({@code <partition>:<offset>}), or all of them
	 * when {@code positions} is empty, and returns what it replayed. Each replay is acknowledged
	 * by the broker before this returns.
	 * @throws NotFoundException when a position names no dead letter of the topic
	 */
	public List<DeadLetter> replay(String topic, Set<String> positions) {
		List<ConsumerRecord<byte[], byte[]>> chosen = new ArrayList<>();
		read(topic, record -> {
			if (positions.isEmpty() || positions.contains(record.partition() + ":" + record.offset())) {
				chosen.add(record);
			}
		});
		Set<String> found = new HashSet<>();
		chosen.forEach(record -> found.add(record.partition() + ":" + record.offset()));
		List<String> missing = positions.stream().filter(position -> !found.contains(position)).sorted().toList();
		if (!missing.isEmpty()) {
			throw new NotFoundException("No dead letters of " + topic + " at " + missing);
		}
		List<DeadLetter> replayed = new ArrayList<>();
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(this.producerConfig)) {
			List<Future<RecordMetadata>> sends = new ArrayList<>();
			for (ConsumerRecord<byte[], byte[]> record : chosen) {
				DeadLetter letter = deadLetterOf(topic, record);
				sends.add(producer.send(new ProducerRecord<>(letter.originalTopic(), null, record.key(), record.value(),
						replayHeaders(record, letter.replays() + 1))));
				replayed.add(letter);
			}
			for (Future<RecordMetadata> send : sends) {
				send.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
			}
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof AuthorizationException) {
				throw refused("write " + topic + " (replay from the service that produces it)");
			}
			throw new RetryLaterException("The broker did not take every replay of " + topic
					+ "; replaying again is harmless", ex);
		}
		catch (AuthorizationException ex) {
			throw refused("write " + topic + " (replay from the service that produces it)");
		}
		catch (TimeoutException ex) {
			throw new RetryLaterException("The broker did not take every replay of " + topic
					+ "; replaying again is harmless", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new RetryLaterException("Interrupted while replaying " + topic, ex);
		}
		return replayed;
	}

	/** Reads the whole dead-letter topic of {@code topic}, as it is now. */
	private void read(String topic, Consumer<ConsumerRecord<byte[], byte[]>> each) {
		if (!Topics.ALL.contains(topic)) {
			throw new NotFoundException("No event topic '" + topic + "'; the topics are " + Topics.ALL);
		}
		String deadLetters = Topics.deadLetter(topic);
		long deadline = System.nanoTime() + this.timeout.toNanos();
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(this.consumerConfig)) {
			List<PartitionInfo> infos = consumer.partitionsFor(deadLetters, this.timeout);
			List<TopicPartition> partitions = (infos == null) ? List.of()
					: infos.stream().map(info -> new TopicPartition(deadLetters, info.partition())).toList();
			if (partitions.isEmpty()) {
				return;
			}
			requireRead(deadLetters);
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, this.timeout);
			while (partitions.stream()
				.anyMatch(partition -> consumer.position(partition, this.timeout) < ends.get(partition))) {
				if (System.nanoTime() > deadline) {
					throw new RetryLaterException("Reading " + deadLetters + " took longer than " + this.timeout);
				}
				consumer.poll(Duration.ofMillis(200)).forEach(each);
			}
		}
		catch (AuthorizationException ex) {
			throw refused("read " + deadLetters + " (its dead letters are listed and replayed by the service that produces " + topic + ")");
		}
		catch (KafkaException ex) {
			throw new RetryLaterException("The broker did not answer for " + deadLetters + " in time", ex);
		}
	}

	/**
	 * Listing a topic's partitions and offsets needs only DESCRIBE, and an empty topic is never
	 * fetched from; so the broker is asked whether this service may READ the topic, and a service
	 * that may not is refused whether or not there are dead letters. A broker without an
	 * authorizer answers no operations, and everything is allowed there.
	 */
	private void requireRead(String deadLetters) {
		try (Admin admin = Admin.create(this.adminConfig)) {
			Set<AclOperation> allowed = admin
				.describeTopics(List.of(deadLetters), new DescribeTopicsOptions().includeAuthorizedOperations(true))
				.allTopicNames()
				.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS)
				.get(deadLetters)
				.authorizedOperations();
			if (allowed != null && !allowed.isEmpty() && !allowed.contains(AclOperation.READ)
					&& !allowed.contains(AclOperation.ALL)) {
				throw new AuthorizationException("no READ on " + deadLetters);
			}
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof AuthorizationException refusal) {
				throw refusal;
			}
			throw new RetryLaterException("The broker did not say who may read " + deadLetters, ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new RetryLaterException("The broker did not say in time who may read " + deadLetters, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new RetryLaterException("Interrupted while asking who may read " + deadLetters, ex);
		}
	}

	/** The broker's ACLs do not let this service's principal do it: a 403, not an outage to retry. */
	private static ForbiddenException refused(String what) {
		return new ForbiddenException("This service's Kafka principal may not " + what);
	}

	private static DeadLetter deadLetterOf(String topic, ConsumerRecord<byte[], byte[]> record) {
		String original = text(record, KafkaHeaders.DLT_ORIGINAL_TOPIC);
		Long originalOffset = number(record, KafkaHeaders.DLT_ORIGINAL_OFFSET);
		String replays = text(record, REPLAYS);
		return new DeadLetter(record.partition(), record.offset(),
				(record.key() != null) ? new String(record.key(), StandardCharsets.UTF_8) : null, text(record, "ce_type"),
				text(record, "ce_id"), text(record, KafkaHeaders.DLT_EXCEPTION_MESSAGE),
				text(record, KafkaHeaders.DLT_EXCEPTION_FQCN), text(record, KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP),
				(original != null) ? original : topic, (originalOffset != null) ? originalOffset : -1,
				Instant.ofEpochMilli(record.timestamp()), (replays != null) ? Integer.parseInt(replays) : 0);
	}

	/** The record's own headers, without what dead-lettering added, and the replay count. */
	private static RecordHeaders replayHeaders(ConsumerRecord<byte[], byte[]> record, int replays) {
		RecordHeaders headers = new RecordHeaders();
		for (Header header : record.headers()) {
			if (!header.key().startsWith(KafkaHeaders.PREFIX + "dlt-") && !header.key().equals(REPLAYS)) {
				headers.add(header);
			}
		}
		headers.add(REPLAYS, String.valueOf(replays).getBytes(StandardCharsets.UTF_8));
		return headers;
	}

	private static @Nullable String text(ConsumerRecord<?, ?> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null && header.value() != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

	/** A header spring-kafka writes as a big-endian long (offsets, timestamps). */
	private static @Nullable Long number(ConsumerRecord<?, ?> record, String name) {
		Header header = record.headers().lastHeader(name);
		if (header == null || header.value() == null) {
			return null;
		}
		return (header.value().length == Long.BYTES) ? ByteBuffer.wrap(header.value()).getLong() : null;
	}

}
