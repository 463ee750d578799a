package io.fnorders.platform.outbox;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.messaging.Message;

/**
 * Sends through the output binding itself ({@link StreamBridge}), on any binder: the binding's
 * producer settings, converters and observation apply. Each send waits for the broker (the
 * bindings are synchronous), so each runs on a virtual thread of its own and many are out at once;
 * the binding keys the record (Kafka's {@code message-key-expression}). Used where the transport is not Kafka ({@link KafkaEventSender} is).
 */
public class StreamBridgeSender implements EventSender, DisposableBean {

	private final StreamBridge bridge;

	private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();

	private final @Nullable Tracer tracer;

	private final @Nullable Propagator propagator;

	public StreamBridgeSender(StreamBridge bridge, @Nullable Tracer tracer, @Nullable Propagator propagator) {
		this.bridge = bridge;
		this.tracer = tracer;
		this.propagator = propagator;
	}

	@Override
	public CompletableFuture<?> send(String binding, String subject, Message<byte[]> event, Map<String, String> trace) {
		return CompletableFuture.runAsync(() -> sendNow(binding, event, trace), this.senders);
	}

	@Override
	public void destroy() {
		this.senders.shutdown();
	}

	/** Sends within a span that continues the trace of the write, so the consumers' traces join it. */
	private void sendNow(String binding, Message<byte[]> event, Map<String, String> trace) {
		Span span = (this.tracer != null && this.propagator != null)
				? this.propagator.extract(trace, Map::get).name("outbox relay").start() : null;
		try (Tracer.SpanInScope scope = (span != null && this.tracer != null) ? this.tracer.withSpan(span) : null) {
			if (!this.bridge.send(binding, event)) {
				throw new IllegalStateException("The binding '" + binding + "' did not take the event");
			}
		}
		finally {
			if (span != null) {
				span.end();
			}
		}
	}

}
