package io.fnorders.cart.shopping;

import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/** Where orders and checkout idempotency keys live. */
public interface OrderStore {

	/**
	 * Binds a customer's idempotency key to an order id, once: the first caller's
	 * {@code candidateOrderId} wins and every caller gets the winner back.
	 */
	String claimCheckout(String customerId, String idempotencyKey, String candidateOrderId);

	/**
	 * Takes the customer's checkout lock, so two checkouts of one cart (with different keys) cannot
	 * both turn it into an order. The lock lapses by itself after a while.
	 * @return false when another checkout holds it
	 */
	boolean lockCheckout(String customerId);

	void unlockCheckout(String customerId);

	/** Forgets a claim whose checkout did not happen, so the key can be used again. */
	void forgetCheckout(String customerId, String idempotencyKey);

	void save(Order order);

	void delete(String orderId);

	Optional<Order> find(String orderId);

	/**
	 * Records that {@code order.placed} of the order reached the broker.
	 * @return true only when this call marked it, false when it already was marked (or is unknown)
	 */
	boolean markPublished(String orderId);

	/**
	 * Moves the order to {@code to} if its status is one of {@code from}, atomically.
	 * @return the order afterwards and whether this call changed its status, or empty when it is
	 * unknown
	 */
	Optional<Transition> transition(String orderId, Set<OrderStatus> from, OrderStatus to, @Nullable String reason);

}
