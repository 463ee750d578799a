package io.fnorders.inventory;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param keyPrefix prefix of the Redis keys inventory owns
 * @param reservationRetention how long the record of a decided, released or cancelled order is
 * kept: it is what makes a redelivered {@code order.placed} change nothing, so it must outlast the
 * time Kafka keeps {@code orders} (7 days by default) and cart-fn's cancellation window
 */
@ConfigurationProperties("fnorders.inventory")
record InventoryProperties(@DefaultValue("inventory") String keyPrefix,
		@DefaultValue("30d") Duration reservationRetention) {
}
