package io.fnorders.cart.shopping;

/**
 * Told of each order once when it is first marked published and once for each status it moves
 * to, right after the store has recorded that (for a status, before it is announced). A repeated
 * checkout, status event or cancel finds nothing to record, so nothing is told twice; a failure
 * before the record leaves the telling to the retry.
 */
public interface OrderListener {

	/** {@code order.placed} of this order reached the broker for the first time. */
	void placed(Order order);

	/**
	 * The order moved to {@code status}. The order is as read right after the move; a later change
	 * (a cancel racing a confirmation) may already show in it, so count {@code status}.
	 */
	void statusChanged(Order order, OrderStatus status);

}
