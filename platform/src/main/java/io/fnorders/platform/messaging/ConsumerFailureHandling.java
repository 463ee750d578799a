package io.fnorders.platform.messaging;

import java.time.Duration;
import java.util.Arrays;
import java.util.function.BiFunction;

import io.fnorders.platform.failures.Failures;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.cloud.stream.binder.ExtendedConsumerProperties;
import org.springframework.cloud.stream.binder.kafka.ListenerContainerWithDlqAndRetryCustomizer;
import org.springframework.cloud.stream.binder.kafka.properties.KafkaConsumerProperties;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.BatchInterceptor;
import org.springframework.kafka.listener.CompositeBatchInterceptor;
import org.springframework.kafka.listener.CompositeRecordInterceptor;
import org.springframework.kafka.listener.ConsumerAwareRecordRecoverer;
import org.springframework.kafka.listener.ContainerPausingBackOffHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerContainerPauseService;
import org.springframework.kafka.listener.RecordInterceptor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * What a Kafka consumer binding does with a record its function failed on. The binder's own
 * in-memory retries are switched off ({@link #retryAndDlqInBinding}); each binding's container
 * gets spring-kafka's {@link DefaultErrorHandler} instead:
 * <ul>
 * <li>a failure {@link Failures#isTransient transient} (an outage of Redis, SMTP, the broker) is
 * waited out on the same record: the container pauses for the back-off, from the binding's
 * {@code back-off-initial-interval} doubling up to {@code back-off-max-interval}, then the record
 * is tried again, {@code max-attempts} times in all (so, with the default, until the outage is
 * over); its partition never moves past it;</li>
 * <li>any other failure (unreadable or invalid data, a bug) sends the record to its dead-letter
 * topic at once, and the partition goes on.</li>
 * </ul>
 * A binding in batch mode gets the same handler: its function names the record it failed on
 * ({@link RecordBatches#failedAt}), the records before it are committed, and that record is
 * waited on or dead-lettered as above. {@link ConsumerWaits} shows the waiting and counts the
 * dead letters.
 */
public class ConsumerFailureHandling implements ListenerContainerWithDlqAndRetryCustomizer, DisposableBean {

	private static final BackOff AT_ONCE = new FixedBackOff(0, 0);

	private final ConsumerAwareRecordRecoverer deadLetters;

	private final ConsumerWaits waits;

	/** Resumes paused containers when their back-off is over. */
	private final ThreadPoolTaskScheduler resumes = new ThreadPoolTaskScheduler();

	private final ListenerContainerPauseService pauses;

	public ConsumerFailureHandling(ConsumerAwareRecordRecoverer deadLetters, ConsumerWaits waits) {
		this.deadLetters = deadLetters;
		this.waits = waits;
		this.resumes.setThreadNamePrefix("consumer-resume-");
		this.resumes.initialize();
		this.pauses = new ListenerContainerPauseService(null, this.resumes);
	}

	/**
	 * How long a batch consumer's poll waits while its partitions are paused: between a failed
	 * record and the rest of its batch, and through the back-off of an outage (a hundred cheap
	 * polls a second of a consumer that fetches nothing).
	 */
	static final Duration BATCH_POLL_WHILE_PAUSED = Duration.ofMillis(10);

	/** How long a consumer whose sign-in or rights were refused waits before it asks again. */
	static final Duration AUTH_RETRY_INTERVAL = Duration.ofSeconds(5);

	@Override
	public boolean retryAndDlqInBinding(String destinationName, String group) {
		return false;
	}

	@Override
	public void configure(AbstractMessageListenerContainer<?, ?> container, String destinationName, String group,
			@Nullable BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver,
			@Nullable BackOff backOff) {
		throw new IllegalStateException("The Kafka binder configures containers with the binding's properties");
	}

	@Override
	public void configure(AbstractMessageListenerContainer<?, ?> container, String destinationName, String group,
			@Nullable BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver,
			@Nullable BackOff backOff, ExtendedConsumerProperties<KafkaConsumerProperties> properties) {
		if (properties.getMaxAttempts() < 2) {
			// with one attempt the binder dead-letters through its own error channel, bypassing this
			throw new IllegalStateException("Binding " + properties.getBindingName() + ": max-attempts must be at "
					+ "least 2, so that outages are waited out (it is " + properties.getMaxAttempts() + ")");
		}
		if (!properties.getExtension().isEnableDlq()) {
			throw new IllegalStateException("Binding " + properties.getBindingName() + ": enable-dlq must be true, "
					+ "so that a record that cannot be processed is kept in its dead-letter topic");
		}
		ConsumerWaits.Tracker tracker = this.waits.trackerOf(group);
		Arrays.stream(destinationName.split(",")).map(String::strip).forEach(topic -> this.waits.expect(group, topic));
		DefaultErrorHandler handler = new DefaultErrorHandler(this.deadLetters, outageBackOff(properties),
				new ContainerPausingBackOffHandler(this.pauses));
		handler.setBackOffFunction((record, failure) -> Failures.isTransient(failure) ? null : AT_ONCE);
		// keep the records of the poll in memory instead of seeking back and fetching them again after
		// each failure: a flood of poison costs one dead-letter send per record, not a fetch and a commit
		handler.setSeekAfterError(false);
		handler.setRetryListeners(tracker);
		container.setCommonErrorHandler(handler);
		// a consumer whose credentials or rights the broker refuses (its user not made yet when a
		// stack starts, an ACL being replaced) asks again every few seconds instead of stopping for good
		container.getContainerProperties().setAuthExceptionRetryInterval(AUTH_RETRY_INTERVAL);
		if (properties.isBatchMode()) {
			// after a failed record spring-kafka pauses the consumer and polls once before it hands
			// the rest of the batch back: at the default 100 ms a flood of poison took 100 ms a record
			container.getContainerProperties().setPollTimeoutWhilePaused(BATCH_POLL_WHILE_PAUSED);
			interceptBatches(container, tracker);
		}
		else {
			intercept(container, tracker);
		}
	}

	@Override
	public void destroy() {
		this.resumes.shutdown();
	}

	/** From the binding's retry properties; a new record's retries start from the first interval. */
	private static BackOff outageBackOff(ExtendedConsumerProperties<KafkaConsumerProperties> properties) {
		ExponentialBackOff backOff = new ExponentialBackOff(properties.getBackOffInitialInterval(),
				properties.getBackOffMultiplier());
		backOff.setMaxInterval(properties.getBackOffMaxInterval());
		backOff.setMaxAttempts(properties.getMaxAttempts() - 1L);
		return backOff;
	}

	/** spring-kafka calls a container's batch interceptor, never its record interceptor, around a batch listener. */
	@SuppressWarnings("unchecked")
	private static void interceptBatches(AbstractMessageListenerContainer<?, ?> container,
			BatchInterceptor<Object, Object> interceptor) {
		AbstractMessageListenerContainer<Object, Object> target = (AbstractMessageListenerContainer<Object, Object>) container;
		BatchInterceptor<Object, Object> existing = target.getBatchInterceptor();
		target.setBatchInterceptor((existing == null) ? interceptor
				: new CompositeBatchInterceptor<>(existing, interceptor));
	}

	@SuppressWarnings("unchecked")
	private static void intercept(AbstractMessageListenerContainer<?, ?> container, RecordInterceptor<Object, Object> interceptor) {
		AbstractMessageListenerContainer<Object, Object> target = (AbstractMessageListenerContainer<Object, Object>) container;
		RecordInterceptor<Object, Object> existing = target.getRecordInterceptor();
		target.setRecordInterceptor((existing == null) ? interceptor
				: new CompositeRecordInterceptor<>(existing, interceptor));
	}

}
