package io.fnorders.notification;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param from the sender address of every e-mail
 * @param historyLimit how many notifications a customer's history keeps
 * @param claimTtl how long a claimed but unrecorded notice blocks a resend; shorter than the time
 * Kafka takes to hand a dead consumer's records to another (the session time-out, 45 s), so a
 * delivery that died mid-send is sent by the redelivery
 * @param keyPrefix prefix of the Redis keys notification-fn owns
 * @param sentRetention how long the mark that a notice was sent is kept: it is what keeps a
 * redelivered event from sending its e-mail again, so it must outlast the time Kafka keeps
 * {@code orders} and {@code order-status} (7 days by default)
 * @param historyRetention how long a customer's history is kept after their last notification
 * @param smtpConnections how many connections to the SMTP server are kept open at most
 */
@ConfigurationProperties("fnorders.notification")
record NotificationProperties(@DefaultValue("orders@fnorders.example") String from,
		@DefaultValue("100") int historyLimit,
		@DefaultValue("30s") Duration claimTtl, @DefaultValue("notification") String keyPrefix,
		@DefaultValue("30d") Duration sentRetention, @DefaultValue("30d") Duration historyRetention,
		@DefaultValue("4") int smtpConnections) {
}
