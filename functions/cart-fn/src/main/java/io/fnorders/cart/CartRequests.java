package io.fnorders.cart;

import java.math.BigDecimal;

import io.fnorders.cart.shopping.Cart;
import io.fnorders.values.WholeNumber;
import org.jspecify.annotations.Nullable;

/** The bodies of cart-fn's POST functions. */
final class CartRequests {

	private CartRequests() {
	}

	/** {@code POST /addItem}. */
	record AddItem(@Nullable String customerId, @Nullable String sku, @Nullable BigDecimal quantity) {

		long units() {
			return WholeNumber.of(this.quantity, "quantity", 1, Cart.MAX_QUANTITY);
		}

	}

	/** {@code POST /removeItem}; without a quantity the whole line goes. */
	record RemoveItem(@Nullable String customerId, @Nullable String sku, @Nullable BigDecimal quantity) {

		@Nullable Long units() {
			return (this.quantity != null) ? WholeNumber.of(this.quantity, "quantity", 1, Cart.MAX_QUANTITY) : null;
		}

	}

	/** {@code POST /checkout}, with an {@code Idempotency-Key} header. */
	record Checkout(@Nullable String customerId) {
	}

	/** {@code POST /cancelOrder}; the customer is the caller (the platform fills it in). */
	record CancelOrder(@Nullable String customerId, @Nullable String orderId, @Nullable String reason) {
	}

}
