package io.fnorders.cart.shopping;

import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Where orders and checkout idempotency keys live. The changes that the rest of the system must
 * hear about are announced in the same atomic step as they are stored (the store's outbox), so no
 * failure between the two can leave an order unannounced or announced twice as different events.
 */
public interface OrderStore {

	/**
	 * In one step, if the customer's idempotency key is not bound yet and the cart is still at
	 * {@code cartRevision}: stores the order, binds the key to it, empties the cart and queues
	 * {@code order.placed}.
	 */
	Placement place(Order order, String idempotencyKey, long cartRevision);

	/** The order a customer's idempotency key is bound to, if it is bound. */
	Optional<String> checkoutOf(String customerId, String idempotencyKey);

	Optional<Order> find(String orderId);

	/**
	 * Moves the order to {@code to} if its status is one of {@code from}, atomically.
	 * @return the order afterwards and whether this call changed its status, or empty when it is
	 * unknown
	 */
	Optional<Transition> transition(String orderId, Set<OrderStatus> from, OrderStatus to, @Nullable String reason);

	/**
	 * Cancels the order if its status is one of {@code from}, and in the same step queues
	 * {@code order.cancelled}; a call that finds it cancelled already queues nothing.
	 * @return the order afterwards and whether this call cancelled it, or empty when it is unknown
	 */
	Optional<Transition> cancel(Order order, Set<OrderStatus> from, String reason);

}
