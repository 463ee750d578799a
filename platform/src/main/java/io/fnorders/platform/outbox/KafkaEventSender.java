package io.fnorders.platform.outbox;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.cloud.stream.binder.kafka.common.BinderHeaderMapper;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Sends straight to the Kafka topic of an output binding ({@code spring.cloud.stream.bindings.
 * <binding>.destination}), keyed by the event's subject, with the binder's own producer
 * settings (acknowledged by all in-sync replicas, idempotent) and its header mapping, so a
 * consumer reads exactly what the binding would have sent. The sends of a batch are all out at
 * once and the producer packs them into few requests.
 * <p>
 * Why not the binding: {@link org.springframework.cloud.stream.function.StreamBridge} runs a
 * function invocation, an observation and the converters for every event and waits for each
 * send, which bounded a relay at about a thousand events a second on two cores; reservations
 * outran it. Each send is still observed, and its trace continues the write's.
 */
public class KafkaEventSender implements EventSender, DisposableBean {

	private final DefaultKafkaProducerFactory<String, byte[]> producers;

	private final KafkaTemplate<String, byte[]> template;

	private final BindingServiceProperties bindings;

	private static final String JSON = "application/json";

	private final BinderHeaderMapper headers = new BinderHeaderMapper();

	private final Map<String, String> topics = new ConcurrentHashMap<>();

	private final @Nullable Tracer tracer;

	private final @Nullable Propagator propagator;

	/**
	 * @param producerConfig the binder's producer settings (servers, acknowledgements, time-outs,
	 * security); the serializers are set here
	 * @param observations observes each send as the binder's template does
	 * ({@code spring.kafka.template}, and a producer span when tracing)
	 * @param tracer with {@code propagator}, continues the trace of each event's write; without
	 * them the write's trace headers are copied as they are
	 */
	public KafkaEventSender(Map<String, Object> producerConfig, BindingServiceProperties bindings,
			ObservationRegistry observations, @Nullable Tracer tracer, @Nullable Propagator propagator) {
		Map<String, Object> config = new HashMap<>(producerConfig);
		config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		this.producers = new DefaultKafkaProducerFactory<>(config);
		this.producers.setPhysicalCloseTimeout(5);
		this.template = new KafkaTemplate<>(this.producers);
		this.template.setObservationEnabled(true);
		this.template.setObservationRegistry(observations);
		this.bindings = bindings;
		this.tracer = tracer;
		this.propagator = propagator;
	}

	@Override
	public CompletableFuture<?> send(String binding, String subject, Message<byte[]> event, Map<String, String> trace) {
		RecordHeaders recordHeaders = new RecordHeaders();
		// the content type the output bindings declare (content-type: application/json)
		this.headers.fromHeaders(event.getHeaders().containsKey(MessageHeaders.CONTENT_TYPE) ? event.getHeaders()
				: MessageBuilder.fromMessage(event).setHeader(MessageHeaders.CONTENT_TYPE, JSON).build().getHeaders(),
				recordHeaders);
		ProducerRecord<String, byte[]> record = new ProducerRecord<>(topicOf(binding), null, subject, event.getPayload(),
				recordHeaders);
		if (this.tracer == null || this.propagator == null) {
			trace.forEach((name, value) -> {
				if (isTraceHeader(name)) {
					recordHeaders.add(name, value.getBytes(StandardCharsets.UTF_8));
				}
			});
			return this.template.send(record);
		}
		// the send's observation makes its span a child of the write's and puts it in the headers
		Span span = this.propagator.extract(trace, Map::get).name("outbox relay").start();
		try (Tracer.SpanInScope scope = this.tracer.withSpan(span)) {
			return this.template.send(record);
		}
		finally {
			span.end();
		}
	}

	/** The attributes of a write's trace (W3C or B3), as the propagator wrote them; not the CloudEvent's own. */
	private static boolean isTraceHeader(String name) {
		return name.equals("traceparent") || name.equals("tracestate") || name.startsWith("b3")
				|| name.startsWith("X-B3-");
	}

	private String topicOf(String binding) {
		return this.topics.computeIfAbsent(binding, this.bindings::getBindingDestination);
	}

	@Override
	public void destroy() {
		this.producers.destroy();
	}

}
