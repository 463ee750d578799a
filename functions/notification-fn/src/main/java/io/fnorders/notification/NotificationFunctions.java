package io.fnorders.notification;

import static net.logstash.logback.argument.StructuredArguments.kv;

import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import io.fnorders.events.EventTypes;
import io.fnorders.notification.notices.Mailer;
import io.fnorders.notification.notices.Notice;
import io.fnorders.notification.notices.Notices;
import io.fnorders.notification.notices.NotificationLog;
import io.fnorders.notification.notices.Notifier;
import io.fnorders.platform.messaging.CloudEventReader;
import io.fnorders.platform.messaging.ReceivedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.messaging.Message;
import reactor.core.publisher.Flux;

/**
 * Notification's functions. Which transport triggers each one is configuration: see
 * {@code spring.cloud.function.*} in application.yaml and the files under bindings/.
 */
@Configuration(proxyBeanMethods = false)
class NotificationFunctions {

	private static final Logger log = LoggerFactory.getLogger(NotificationFunctions.class);

	@Bean
	Notifier notifier(Mailer mailer, NotificationLog notificationLog, NotificationProperties properties, Clock clock) {
		return new Notifier(mailer, notificationLog, clock);
	}

	/**
	 * Takes every order event ({@code orders} and {@code order-status}) and sends its e-mail once.
	 * A failed send is thrown back to the binder, which retries and then dead-letters the event.
	 */
	@Bean
	Consumer<Message<byte[]>> notify(Notifier notifier, CloudEventReader reader, NotificationMetrics metrics) {
		return message -> {
			ReceivedEvent<?> event = reader.read(message, EventTypes.ORDER_PLACED, EventTypes.ORDER_CONFIRMED,
					EventTypes.ORDER_REJECTED, EventTypes.ORDER_CANCELLED);
			Notice notice = notice(event);
			boolean sent;
			try {
				sent = notifier.send(notice);
			}
			catch (RuntimeException ex) {
				metrics.failed(notice.kind());
				throw ex;
			}
			if (sent) {
				metrics.sent(notice.kind());
			}
			log.info("Notification {}", sent ? "sent" : "already sent", kv("orderId", notice.orderId()),
					kv("customerId", notice.customerId()), kv("type", notice.kind()));
		};
	}

	private static Notice notice(ReceivedEvent<?> event) {
		if (event.is(EventTypes.ORDER_PLACED)) {
			return Notices.placed(event.dataAs(EventTypes.ORDER_PLACED));
		}
		if (event.is(EventTypes.ORDER_CONFIRMED)) {
			return Notices.confirmed(event.dataAs(EventTypes.ORDER_CONFIRMED));
		}
		if (event.is(EventTypes.ORDER_REJECTED)) {
			return Notices.rejected(event.dataAs(EventTypes.ORDER_REJECTED));
		}
		return Notices.cancelled(event.dataAs(EventTypes.ORDER_CANCELLED));
	}

	/** A customer's notifications, newest first. */
	@Bean
	Function<String, List<NotificationView>> notifications(NotificationLog notificationLog,
			NotificationProperties properties) {
		return customerId -> notificationLog.history(customerId, properties.historyLimit())
			.stream()
			.map(NotificationView::of)
			.toList();
	}

	/** A customer's new notifications as they are sent (Server-Sent Events). */
	@Bean
	Function<String, Flux<NotificationView>> notificationStream(LiveNotifications live) {
		return live::of;
	}

	@Bean
	RedisMessageListenerContainer liveNotificationListener(RedisConnectionFactory connections, LiveNotifications live,
			RedisNotificationLog notificationLog) {
		RedisMessageListenerContainer container = new RedisMessageListenerContainer();
		container.setConnectionFactory(connections);
		container.addMessageListener(live, new ChannelTopic(notificationLog.liveChannel()));
		return container;
	}

}
