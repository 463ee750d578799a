package io.fnorders.cart;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param idleTtl how long a cart lives after its last change
 * @param keyPrefix prefix of the Redis keys cart-fn owns
 * @param checkoutKeyTtl how long an Idempotency-Key keeps returning its order; at most
 * {@code orderRetention}
 * @param orderRetention how long an order is kept after its last change
 * @param cancelWindow how long after it was placed an order can be cancelled; shorter than the
 * time inventory keeps what an order holds ({@code fnorders.inventory.reservation-retention})
 */
@ConfigurationProperties("fnorders.cart")
record CartProperties(@DefaultValue("7d") Duration idleTtl, @DefaultValue("cart") String keyPrefix,
		@DefaultValue("7d") Duration checkoutKeyTtl, @DefaultValue("30d") Duration orderRetention,
		@DefaultValue("14d") Duration cancelWindow) {

	CartProperties {
		if (checkoutKeyTtl.compareTo(orderRetention) > 0) {
			throw new IllegalArgumentException("fnorders.cart.checkout-key-ttl (" + checkoutKeyTtl
					+ ") must not be longer than fnorders.cart.order-retention (" + orderRetention
					+ "): a key would outlive its order");
		}
		if (cancelWindow.compareTo(orderRetention) > 0) {
			throw new IllegalArgumentException("fnorders.cart.cancel-window (" + cancelWindow
					+ ") must not be longer than fnorders.cart.order-retention (" + orderRetention + ")");
		}
	}

}
