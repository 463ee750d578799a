package io.fnorders.platform.messaging;

import static net.logstash.logback.argument.StructuredArguments.kv;

import io.fnorders.platform.failures.Failures;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts and logs every record a Kafka consumer group sent to a dead-letter topic
 * ({@code fnorders_dead_letters_total{topic,group}}), once it is there.
 */
public class DeadLetterCounter {

	private static final Logger log = LoggerFactory.getLogger(DeadLetterCounter.class);

	private final MeterRegistry registry;

	public DeadLetterCounter(MeterRegistry registry) {
		this.registry = registry;
	}

	/**
	 * Registers the counter at 0 for a topic a bound consumer group reads, so the first dead letter
	 * is an increase that {@code increase()} and {@code rate()} see, not a series that starts at 1.
	 */
	public void expect(String topic, String group) {
		counter(topic, group);
	}

	/** The record is in its dead-letter topic now. */
	public void deadLettered(String group, ConsumerRecord<?, ?> record, @Nullable Throwable failure) {
		counter(record.topic(), group).increment();
		// the failure last: its stack trace goes to the stack_trace field, not into the message
		log.warn("Dead-lettered a record: {}", (failure != null) ? Failures.describe(failure) : "no failure given",
				kv("topic", record.topic()), kv("partition", record.partition()), kv("offset", record.offset()),
				kv("group", group), failure);
	}

	private Counter counter(String topic, String group) {
		return Counter.builder("fnorders.dead.letters")
			.description("Records sent to a dead-letter topic")
			.tag("topic", topic)
			.tag("group", group)
			.register(this.registry);
	}

}
