package io.fnorders.cart.shopping;

/**
 * Told of each order once when it is placed and once for each status it moves to, right after
 * the store has recorded that. A repeated checkout, status event or cancel finds nothing to
 * record, so nothing is told twice.
 */
public interface OrderListener {

	/** The order was placed. */
	void placed(Order order);

	/**
	 * The order moved to {@code status}. The order is as read right after the move; a later change
	 * (a cancel racing a confirmation) may already show in it, so count {@code status}.
	 */
	void statusChanged(Order order, OrderStatus status);

}
