package io.fnorders.cart;

import org.springframework.stereotype.Component;

/**
 * The names of cart-fn's Redis keys, all under {@code fnorders.cart.key-prefix}: carts
 * ({@code <prefix>:cart:<customerId>}), orders ({@code <prefix>:order:<orderId>}) and checkout
 * idempotency keys ({@code <prefix>:checkout:<customerId>:<key>}), the catalog as cart-fn keeps it
 * ({@code <prefix>:catalog:<sku>}); the outbox's streams are
 * {@code <prefix>:outbox:<shard>} ({@code fnorders.outbox.key-prefix} in application.yaml).
 */
@Component
class CartKeys {

	private final String prefix;

	CartKeys(CartProperties properties) {
		this.prefix = properties.keyPrefix();
	}

	String cart(String customerId) {
		return this.prefix + ":cart:" + customerId;
	}

	String order(String orderId) {
		return this.prefix + ":order:" + orderId;
	}

	String catalog(String sku) {
		return this.prefix + ":catalog:" + sku;
	}

	String checkout(String customerId, String idempotencyKey) {
		return this.prefix + ":checkout:" + customerId + ":" + idempotencyKey;
	}

}
