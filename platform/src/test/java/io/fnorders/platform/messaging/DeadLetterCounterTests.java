package io.fnorders.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class DeadLetterCounterTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final DeadLetterCounter counter = new DeadLetterCounter(this.registry);

	@Test
	void anExpectedTopicIsCountedFromZero() {
		this.counter.expect("orders", "inventory-fn");

		assertThat(count("orders", "inventory-fn")).isZero();
	}

	@Test
	void countsEachDeadLetterOnItsTopicAndGroup() {
		this.counter.expect("orders", "inventory-fn");
		ConsumerRecord<String, String> poison = new ConsumerRecord<>("orders", 7, 42L, "o-1", "not an event");

		this.counter.deadLettered("inventory-fn", poison,
				new IllegalStateException("unreadable", new IllegalArgumentException("no ce_type")));
		this.counter.deadLettered("notification-fn", poison, new IllegalStateException("unreadable"));

		assertThat(count("orders", "inventory-fn")).isEqualTo(1.0);
		assertThat(count("orders", "notification-fn")).isEqualTo(1.0);
	}

	private double count(String topic, String group) {
		return this.registry.get("fnorders.dead.letters").tag("topic", topic).tag("group", group).counter().count();
	}

}
