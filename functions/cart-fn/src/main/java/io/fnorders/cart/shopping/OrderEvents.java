package io.fnorders.cart.shopping;

/** What the cart tells the rest of the system; each call returns once the broker has the event. */
public interface OrderEvents {

	void placed(Order order);

	void cancelled(Order order, String reason);

}
