package io.fnorders.cart.shopping;

/** What became of an attempt to turn a cart into an order. */
public sealed interface Placement {

	/** The order is stored, the key bound to it, the cart emptied and {@code order.placed} queued. */
	record Placed() implements Placement {
	}

	/** The idempotency key was used before: it is bound to this order, and nothing changed. */
	record PlacedBefore(String orderId) implements Placement {
	}

	/** The cart changed since it was read (or expired); nothing changed, read it again. */
	record CartChanged() implements Placement {
	}

}
