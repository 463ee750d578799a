package io.fnorders.launcher;

import java.util.Map;

/** Kafka client settings of the local stack's operator (a super user), for the tests' own clients. */
final class KafkaOperator {

	private KafkaOperator() {
	}

	/** The operator's settings and {@code more} (a consumer's group, a producer's acks). */
	static Map<String, Object> client(LocalSettings settings, Map<String, Object> more) {
		Map<String, Object> client = KafkaAccess.of(settings).operatorClient(settings.kafkaBootstrapServers());
		client.putAll(more);
		return client;
	}

	static Map<String, Object> client(LocalSettings settings) {
		return client(settings, Map.of());
	}

}
