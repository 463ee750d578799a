package io.fnorders.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * The same order story as {@link LocalStackTests}, with {@code BINDING=rabbit}: the same jars,
 * rebound by configuration to a local RabbitMQ node instead of Kafka.
 */
class LocalStackOnRabbitTests extends LocalStackTests {

	@Override
	String binding() {
		return "rabbit";
	}

	/**
	 * Consumer lag is read from Kafka, and dead letters are counted by the Kafka binder's DLQ
	 * hook only: on RabbitMQ the dashboards' panels of those two stay empty.
	 */
	@Override
	Set<String> metricsThisTransportLacks() {
		return Set.of("fnorders_dead_letters_total", "spring_cloud_stream_binder_kafka_offset");
	}

	/** Nothing to poison without Kafka: the dead-letter counter is Kafka's (see above). */
	@Override
	void poisonTheOrdersDestination() {
	}

	/** On RabbitMQ there is no Kafka to read; every function must still be ready. */
	@Override
	@Test
	void everyFunctionIsReadyAndTheCatalogPublishesItsEvents() throws Exception {
		assertThat(Waits.portOpen(settings().rabbitPort())).isTrue();
		assertThat(Waits.portOpen(settings().kafkaPort())).as("no Kafka on the rabbit binding").isFalse();
		everyFunctionIsReady();
	}

}
