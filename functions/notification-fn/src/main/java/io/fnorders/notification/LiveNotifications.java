package io.fnorders.notification;

import java.nio.charset.StandardCharsets;

import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.json.JsonMapper;

/**
 * Notifications as they are recorded, by any instance: they arrive through Redis pub/sub and are
 * handed to every open live stream of this instance. A stream that is slow to read misses
 * notifications rather than holding others up; the history has them all.
 */
@Component
class LiveNotifications implements MessageListener {

	private final Sinks.Many<NotificationView> sink = Sinks.many().multicast().directBestEffort();

	private final JsonMapper json;

	LiveNotifications(JsonMapper json) {
		this.json = json;
	}

	@Override
	public void onMessage(Message message, byte[] pattern) {
		NotificationView view = this.json.readValue(new String(message.getBody(), StandardCharsets.UTF_8),
				NotificationView.class);
		synchronized (this.sink) {
			this.sink.tryEmitNext(view);
		}
	}

	/** New notifications of one customer, from now on. */
	Flux<NotificationView> of(String customerId) {
		return this.sink.asFlux().filter(view -> view.customerId().equals(customerId));
	}

}
