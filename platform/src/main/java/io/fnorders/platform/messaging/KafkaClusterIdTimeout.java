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
 * producer bindings share, and a one-second close time-out, since closing an admin client whose
 * call timed out otherwise waits for that call too.
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
			int seconds = (int) Math.max(1, this.timeout.toSeconds());
			admin.setOperationTimeout(seconds);
			admin.setCloseTimeout(1);
		}
	}

}
