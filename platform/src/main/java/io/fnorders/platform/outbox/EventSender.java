package io.fnorders.platform.outbox;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.springframework.messaging.Message;

/**
 * How the outbox relay hands an event to the broker: to the destination of an output binding,
 * keyed by the event's subject. A send only starts here; the relay waits for a batch's sends
 * together.
 */
public interface EventSender {

	/**
	 * Starts sending {@code event} to {@code binding}'s destination.
	 * @param subject what the event is about: the record key on Kafka
	 * @param trace the trace attributes of the write that queued it ({@code traceparent} and the
	 * like), which the event continues
	 * @return completes once the broker has the event, exceptionally when it did not take it
	 */
	CompletableFuture<?> send(String binding, String subject, Message<byte[]> event, Map<String, String> trace);

}
