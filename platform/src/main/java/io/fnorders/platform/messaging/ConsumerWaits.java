package io.fnorders.platform.messaging;

import static net.logstash.logback.argument.StructuredArguments.kv;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.fnorders.platform.failures.Failures;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.listener.BatchInterceptor;
import org.springframework.kafka.listener.RecordInterceptor;
import org.springframework.kafka.listener.RetryListener;

/**
 * Which consumer partitions are waiting out an outage: their record failed for a transient reason
 * and is tried again after a back-off, while the partition does not move on. Shown as
 * {@code fnorders_consumer_waiting{group,topic}} (partitions waiting), as
 * {@code fnorders_consumer_retries_total{group,topic}} (attempts that failed for an outage) and as
 * the {@code consumers} health contributor, which is out of service (so readiness is too) while a
 * partition waits. A partition stops waiting when a record of it succeeds or is dead-lettered, or
 * when it has not failed again for {@code staleAfter} (it was moved to another instance).
 */
public class ConsumerWaits implements HealthIndicator {

	private static final Logger log = LoggerFactory.getLogger(ConsumerWaits.class);

	private final MeterRegistry registry;

	private final DeadLetterCounter deadLetters;

	private final Duration staleAfter;

	private final Clock clock;

	private final Map<Waiting.Key, Waiting> waiting = new ConcurrentHashMap<>();

	/**
	 * @param staleAfter how long after its last failed attempt a partition still counts as waiting;
	 * longer than the longest back-off
	 */
	public ConsumerWaits(MeterRegistry registry, DeadLetterCounter deadLetters, Duration staleAfter, Clock clock) {
		this.registry = registry;
		this.deadLetters = deadLetters;
		this.staleAfter = staleAfter;
		this.clock = clock;
	}

	/** One waiting partition: since when, and the outage it waits out. */
	record Waiting(Key key, Instant since, Instant lastFailure, String cause) {

		record Key(String group, String topic, int partition) {
		}

	}

	/** Registers the metrics of a bound consumer group's topic at 0. */
	public void expect(String group, String topic) {
		Gauge.builder("fnorders.consumer.waiting", () -> waitingPartitions(group, topic))
			.description("Partitions whose consumer waits out an outage on a failed record")
			.tag("group", group)
			.tag("topic", topic)
			.register(this.registry);
		retries(group, topic);
		this.deadLetters.expect(topic, group);
	}

	/** The listener and interceptor of one consumer group's container. */
	Tracker trackerOf(String group) {
		return new Tracker(group);
	}

	@Override
	public Health health() {
		List<Waiting> current = current();
		if (current.isEmpty()) {
			return Health.up().build();
		}
		Health.Builder health = Health.outOfService();
		current.stream()
			.sorted(Comparator.comparing(Waiting::since))
			.forEach(entry -> health.withDetail(entry.key().group() + "/" + entry.key().topic() + "-"
					+ entry.key().partition(), "waiting since " + entry.since() + ": " + entry.cause()));
		return health.build();
	}

	private List<Waiting> current() {
		Instant staleBefore = this.clock.instant().minus(this.staleAfter);
		this.waiting.values().removeIf(entry -> entry.lastFailure().isBefore(staleBefore));
		return List.copyOf(this.waiting.values());
	}

	private double waitingPartitions(String group, String topic) {
		return current().stream()
			.filter(entry -> entry.key().group().equals(group) && entry.key().topic().equals(topic))
			.count();
	}

	private Counter retries(String group, String topic) {
		return Counter.builder("fnorders.consumer.retries")
			.description("Attempts at a record that failed because a dependency was unavailable")
			.tag("group", group)
			.tag("topic", topic)
			.register(this.registry);
	}

	/**
	 * Follows one container's records: each failed delivery (from the error handler), each record
	 * (or, for a batch listener, each batch) that went through, and each that was dead-lettered.
	 */
	final class Tracker implements RetryListener, RecordInterceptor<Object, Object>, BatchInterceptor<Object, Object> {

		private final String group;

		private Tracker(String group) {
			this.group = group;
		}

		@Override
		public void failedDelivery(ConsumerRecord<?, ?> record, @Nullable Exception failure, int attempt) {
			if (failure == null || !Failures.isTransient(failure)) {
				return;
			}
			Waiting.Key key = key(record);
			Instant now = ConsumerWaits.this.clock.instant();
			String cause = Failures.describe(failure);
			Waiting before = ConsumerWaits.this.waiting.get(key);
			ConsumerWaits.this.waiting.put(key, new Waiting(key, (before != null) ? before.since() : now, now, cause));
			ConsumerWaits.this.retries(this.group, record.topic()).increment();
			if (before == null) {
				log.warn("Waiting out an outage before going on: {}", cause, kv("group", this.group),
						kv("topic", record.topic()), kv("partition", record.partition()), kv("offset", record.offset()));
			}
		}

		@Override
		public void recovered(ConsumerRecord<?, ?> record, @Nullable Exception failure) {
			ConsumerWaits.this.waiting.remove(key(record));
			ConsumerWaits.this.deadLetters.deadLettered(this.group, record, failure);
		}

		@Override
		public ConsumerRecord<Object, Object> intercept(ConsumerRecord<Object, Object> record,
				Consumer<Object, Object> consumer) {
			return record;
		}

		@Override
		public void success(ConsumerRecord<Object, Object> record, Consumer<Object, Object> consumer) {
			wentOn(new TopicPartition(record.topic(), record.partition()));
		}

		@Override
		public ConsumerRecords<Object, Object> intercept(ConsumerRecords<Object, Object> records,
				Consumer<Object, Object> consumer) {
			return records;
		}

		@Override
		public void success(ConsumerRecords<Object, Object> records, Consumer<Object, Object> consumer) {
			records.partitions().forEach(this::wentOn);
		}

		private void wentOn(TopicPartition partition) {
			Waiting ended = ConsumerWaits.this.waiting
				.remove(new Waiting.Key(this.group, partition.topic(), partition.partition()));
			if (ended != null) {
				log.info("The outage is over; going on", kv("group", this.group), kv("topic", partition.topic()),
						kv("partition", partition.partition()), kv("waited", Duration.between(ended.since(),
								ConsumerWaits.this.clock.instant()).toString()));
			}
		}

		private Waiting.Key key(ConsumerRecord<?, ?> record) {
			return new Waiting.Key(this.group, record.topic(), record.partition());
		}

	}

}
