package io.fnorders.platform.messaging;

import io.fnorders.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.cloud.stream.binder.kafka.utils.DlqDestinationResolver;

/**
 * Sends a dead letter to {@code <topic>.dlq} of the topic it came from. A binding that reads
 * several topics (notification-fn reads {@code orders} and {@code order-status}) has one
 * {@code dlq-name} but needs one dead-letter topic per source; this keeps the convention for
 * every binding.
 */
public class DeadLetterTopics implements DlqDestinationResolver {

	@Override
	public String apply(ConsumerRecord<?, ?> record, Exception failure) {
		return Topics.deadLetter(record.topic());
	}

}
