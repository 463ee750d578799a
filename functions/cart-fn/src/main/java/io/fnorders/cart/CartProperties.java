package io.fnorders.cart;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param idleTtl how long a cart lives after its last change
 * @param keyPrefix prefix of the Redis keys cart-fn owns
 * @param catalogUrl where product-fn answers ({@code GET /product/{sku}})
 * @param catalogTimeout how long to wait for the catalog before answering 503
 * @param checkoutKeyTtl how long an Idempotency-Key keeps returning its order
 */
@ConfigurationProperties("fnorders.cart")
record CartProperties(@DefaultValue("7d") Duration idleTtl, @DefaultValue("cart") String keyPrefix,
		@DefaultValue("http://localhost:8082") URI catalogUrl, @DefaultValue("3s") Duration catalogTimeout,
		@DefaultValue("7d") Duration checkoutKeyTtl) {
}
