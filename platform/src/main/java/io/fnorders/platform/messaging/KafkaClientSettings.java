package io.fnorders.platform.messaging;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.CommonClientConfigs;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.core.env.Environment;

/**
 * The settings of the Kafka clients the platform makes itself (the dead-letter producer, the
 * dead-letter tools), taken the way the binder takes its own: {@code spring.kafka.*}, then the
 * binder's {@code configuration} and its {@code producer-properties} or
 * {@code consumer-properties}, and its broker list when it has one.
 */
public final class KafkaClientSettings {

	private static final String BINDER = "spring.cloud.stream.kafka.binder.";

	private final KafkaProperties kafka;

	private final Binder binder;

	public KafkaClientSettings(KafkaProperties kafka, Environment environment) {
		this.kafka = kafka;
		this.binder = Binder.get(environment);
	}

	public Map<String, Object> producer() {
		return merged(this.kafka.buildProducerProperties(), "producer-properties");
	}

	public Map<String, Object> consumer() {
		return merged(this.kafka.buildConsumerProperties(), "consumer-properties");
	}

	private Map<String, Object> merged(Map<String, Object> base, String clientProperties) {
		Map<String, Object> config = new HashMap<>(base);
		Bindable<Map<String, String>> settings = Bindable.mapOf(String.class, String.class);
		config.putAll(this.binder.bind(BINDER + "configuration", settings).orElse(Map.of()));
		config.putAll(this.binder.bind(BINDER + clientProperties, settings).orElse(Map.of()));
		this.binder.bind(BINDER + "brokers", Bindable.listOf(String.class))
			.ifBound(brokers -> config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, String.join(",", brokers)));
		return config;
	}

}
