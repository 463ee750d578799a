package io.fnorders.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The order story of {@link OrderStoryTests}, with {@code BINDING=rabbit}: the same jars,
 * rebound by configuration to a local RabbitMQ node instead of Kafka.
 */
class LocalStackOnRabbitTests extends OrderStoryTests {

	@Override
	String binding() {
		return "rabbit";
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
