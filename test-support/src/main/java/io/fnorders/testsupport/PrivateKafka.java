package io.fnorders.testsupport;

import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A Kafka KRaft broker of one test class's own, for tests that stop the broker under a running
 * function (the {@link SharedBrokers} must stay up for every other class). It leaves the shared
 * broker's system properties alone and points the application at itself through
 * {@code @DynamicPropertySource}.
 */
public final class PrivateKafka {

	private final EmbeddedKafkaBroker broker;

	private PrivateKafka(String... topics) {
		this.broker = new EmbeddedKafkaKraftBroker(1, 1, topics).brokerListProperty("fnorders.test.private-broker");
	}

	/** A broker with these topics, not started yet. */
	public static PrivateKafka withTopics(String... topics) {
		return new PrivateKafka(topics);
	}

	/** Starts the broker and points Spring Boot and the Kafka binder at it. */
	public void startAndRegister(DynamicPropertyRegistry registry) {
		this.broker.afterPropertiesSet();
		registry.add("spring.kafka.bootstrap-servers", this.broker::getBrokersAsString);
		// the binder's own context would otherwise still see the shared broker's system property
		registry.add("spring.cloud.stream.kafka.binder.brokers", this.broker::getBrokersAsString);
	}

	/** Where the started broker listens, for clients of the test's own. */
	public String bootstrapServers() {
		return this.broker.getBrokersAsString();
	}

	/** Stops the broker; stopping it twice does no harm. */
	public void stop() {
		this.broker.destroy();
	}

}
