package io.fnorders.cart.shopping;

import java.util.Set;

/** Where an order stands. */
public enum OrderStatus {

	/** Checked out; waiting for stock. */
	PLACED,

	/** Every line is reserved. */
	CONFIRMED,

	/** Stock was short; nothing is held. */
	REJECTED,

	/** The customer cancelled it; stock it held is released. */
	CANCELLED;

	/** The statuses an order may move to from this one. */
	public Set<OrderStatus> next() {
		return switch (this) {
			case PLACED -> Set.of(CONFIRMED, REJECTED, CANCELLED);
			case CONFIRMED -> Set.of(CANCELLED);
			case REJECTED, CANCELLED -> Set.of();
		};
	}

}
