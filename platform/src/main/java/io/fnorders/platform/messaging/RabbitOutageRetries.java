package io.fnorders.platform.messaging;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

import io.fnorders.platform.failures.Failures;
import org.springframework.cloud.stream.binder.ConsumerProperties;
import org.springframework.cloud.stream.config.BindingProperties;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.cloud.stream.config.ConsumerEndpointCustomizer;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.integration.amqp.inbound.AmqpInboundChannelAdapter;

/**
 * The RabbitMQ binding's consumers follow the same rule as Kafka's ({@link ConsumerFailureHandling}):
 * a {@link Failures#isTransient transient} failure is retried, the wait growing from the binding's
 * {@code back-off-initial-interval} by {@code back-off-multiplier} up to
 * {@code back-off-max-interval}, up to {@code max-attempts} times in all; any other failure goes
 * to the queue's dead-letter queue at once. The binder builds its in-memory retry from the same
 * properties, but it cannot tell an outage from a bad message; this replaces its policy.
 */
public class RabbitOutageRetries implements ConsumerEndpointCustomizer<AmqpInboundChannelAdapter> {

	private final BindingServiceProperties bindings;

	public RabbitOutageRetries(BindingServiceProperties bindings) {
		this.bindings = bindings;
	}

	@Override
	public void configure(AmqpInboundChannelAdapter adapter, String destinationName, String group) {
		ConsumerProperties consumer = consumerOf(destinationName, group);
		if (consumer.getMaxAttempts() < 2) {
			return;
		}
		adapter.setRetryTemplate(new RetryTemplate(RetryPolicy.builder()
			.maxRetries(consumer.getMaxAttempts() - 1L)
			.delay(Duration.ofMillis(consumer.getBackOffInitialInterval()))
			.multiplier(consumer.getBackOffMultiplier())
			.maxDelay(Duration.ofMillis(consumer.getBackOffMaxInterval()))
			.predicate(Failures::isTransient)
			.build()));
	}

	/** The binding whose queue this is: {@code <destination>.<group>}, one per destination it reads. */
	private ConsumerProperties consumerOf(String queue, String group) {
		for (Map.Entry<String, BindingProperties> binding : this.bindings.getBindings().entrySet()) {
			BindingProperties properties = binding.getValue();
			if (group.equals(properties.getGroup()) && properties.getDestination() != null
					&& Arrays.stream(properties.getDestination().split(","))
						.map(String::strip)
						.anyMatch(destination -> queue.equals(destination + "." + group) || queue.equals(destination))) {
				return this.bindings.getConsumerProperties(binding.getKey());
			}
		}
		throw new IllegalStateException("No consumer binding reads queue " + queue + " as group " + group);
	}

}
