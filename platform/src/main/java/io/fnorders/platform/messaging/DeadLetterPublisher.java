package io.fnorders.platform.messaging;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import io.fnorders.events.Topics;
import io.fnorders.platform.failures.Failures;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConsumerAwareRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

/**
 * Sends a record that cannot be processed to {@code <topic>.dlq} of the topic it came from, to
 * the same partition, with spring-kafka's {@link DeadLetterPublishingRecoverer}: the original key,
 * value and headers, plus {@code kafka_dlt-original-*} (topic, partition, offset, timestamp,
 * consumer group) and {@code kafka_dlt-exception-*} (type, message, stack trace) headers. It
 * returns only once the broker has the dead letter; when the send fails it throws, so the record
 * is tried again instead of being skipped. A binding that reads several topics (notification-fn
 * reads {@code orders} and {@code order-status}) keeps the convention for each.
 */
public class DeadLetterPublisher implements ConsumerAwareRecordRecoverer, DisposableBean {

	private final DefaultKafkaProducerFactory<byte[], byte[]> producers;

	private final DeadLetterPublishingRecoverer recoverer;

	/**
	 * @param producerConfig the Kafka producer settings (bootstrap servers, acknowledgements,
	 * time-outs, security); the serializers are set here
	 */
	public DeadLetterPublisher(Map<String, Object> producerConfig) {
		Map<String, Object> config = new HashMap<>(producerConfig);
		config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		this.producers = new DefaultKafkaProducerFactory<>(config);
		this.producers.setPhysicalCloseTimeout(5);
		this.recoverer = new DeadLetterPublishingRecoverer(new KafkaTemplate<>(this.producers),
				(record, failure) -> new TopicPartition(Topics.deadLetter(record.topic()), record.partition()));
		this.recoverer.setExceptionHeadersCreator(DeadLetterPublisher::describeFailure);
	}

	/**
	 * The exception headers name what went wrong, not the wrappers the runtime put around it:
	 * {@code kafka_dlt-exception-fqcn}, {@code -message} and {@code -stacktrace} of the meaningful
	 * exception.
	 */
	private static void describeFailure(Headers headers, Exception failure, boolean isKey,
			DeadLetterPublishingRecoverer.HeaderNames names) {
		DeadLetterPublishingRecoverer.HeaderNames.ExceptionInfo info = names.getExceptionInfo();
		Throwable meaningful = Failures.meaningful(failure);
		StringWriter trace = new StringWriter();
		meaningful.printStackTrace(new PrintWriter(trace, true));
		replace(headers, isKey ? info.getKeyExceptionFqcn() : info.getExceptionFqcn(), meaningful.getClass().getName());
		replace(headers, isKey ? info.getKeyExceptionMessage() : info.getExceptionMessage(), Failures.describe(failure));
		replace(headers, isKey ? info.getKeyExceptionStacktrace() : info.getExceptionStacktrace(), trace.toString());
	}

	private static void replace(Headers headers, String name, String value) {
		headers.remove(name);
		headers.add(name, value.getBytes(StandardCharsets.UTF_8));
	}

	@Override
	public void accept(ConsumerRecord<?, ?> record, @Nullable Consumer<?, ?> consumer, @Nullable Exception failure) {
		// as thrown: the listener's exception carries the consumer group for the headers
		this.recoverer.accept(record, consumer, (failure != null) ? failure : new IllegalStateException("no failure given"));
	}

	@Override
	public void destroy() {
		this.producers.destroy();
	}

}
