package io.fnorders.platform.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.binder.kafka.utils.DlqPartitionFunction;

import static net.logstash.logback.argument.StructuredArguments.kv;

/**
 * Counts every record the Kafka binder sends to a dead-letter topic
 * ({@code fnorders_dead_letters_total{topic,group}}), logs it, and keeps the binder's default
 * choice of partition (the record's own).
 */
public class DeadLetterCounter implements DlqPartitionFunction {

	private static final Logger log = LoggerFactory.getLogger(DeadLetterCounter.class);

	private final MeterRegistry registry;

	public DeadLetterCounter(MeterRegistry registry) {
		this.registry = registry;
	}

	/**
	 * Registers the counter at 0 for each topic a consumer group reads, so the first dead letter
	 * is an increase that {@code increase()} and {@code rate()} see, not a series that starts at 1.
	 */
	public void expect(String topic, String group) {
		counter(topic, group);
	}

	@Override
	public Integer apply(String group, ConsumerRecord<?, ?> record, Throwable failure) {
		counter(record.topic(), group).increment();
		// the failure last: its stack trace goes to the stack_trace field, not into the message
		log.warn("Dead-lettering a record: {}", rootMessage(failure), kv("topic", record.topic()),
				kv("partition", record.partition()), kv("offset", record.offset()), kv("group", group), failure);
		return record.partition();
	}

	private Counter counter(String topic, String group) {
		return Counter.builder("fnorders.dead.letters")
			.description("Records sent to a dead-letter topic after their retries")
			.tag("topic", topic)
			.tag("group", group)
			.register(this.registry);
	}

	private static String rootMessage(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.getMessage() != null ? root.getMessage() : root.getClass().getName();
	}

}
