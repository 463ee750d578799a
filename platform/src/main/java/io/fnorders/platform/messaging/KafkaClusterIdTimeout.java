package io.fnorders.platform.messaging;

import java.time.Duration;

import org.springframework.cloud.stream.config.ProducerMessageHandlerCustomizer;
import org.springframework.integration.kafka.outbound.KafkaProducerMessageHandler;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Bounds how long a Kafka send can wait for the cluster id. With observation on, the binder's
 * template asks its admin for the cluster id before the first send; with the broker away that
 * blocks for the admin's operation time-out (30 s by default), longer than any HTTP client waits,
 * before the send itself can fail. This sets that time-out on the binder's admin, which all its
 * producer bindings share. The admin client it opens for the lookup is closed without a time-out,
 * so its pending call must give up by itself: bindings/kafka.yaml sets the admin client's
 * {@code default.api.timeout.ms} for that.
 */
public class KafkaClusterIdTimeout implements ProducerMessageHandlerCustomizer<KafkaProducerMessageHandler<?, ?>> {

	private final Duration timeout;

	public KafkaClusterIdTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	@Override
	public void configure(KafkaProducerMessageHandler<?, ?> handler, String destinationName) {
		KafkaAdmin admin = handler.getKafkaTemplate().getKafkaAdmin();
		if (admin != null) {
			admin.setOperationTimeout((int) Math.max(1, this.timeout.toSeconds()));
		}
	}

}
