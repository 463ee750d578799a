package io.fnorders.cart.shopping;

import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import io.fnorders.errors.ConflictException;
import io.fnorders.errors.InvalidInputException;
import io.fnorders.errors.NotFoundException;
import io.fnorders.values.Sku;
import org.jspecify.annotations.Nullable;

/**
 * Carts and the orders placed from them: adding and removing lines, an idempotent checkout that
 * announces the order before it empties the cart, cancelling, and following the status inventory
 * decides. The {@link OrderListener} is told of each first announcement and each status change,
 * once.
 */
public class Shopping {

	private final Catalog catalog;

	private final CartStore carts;

	private final OrderStore orders;

	private final OrderEvents events;

	private final OrderListener listener;

	private final Supplier<String> orderIds;

	private final Clock clock;

	public Shopping(Catalog catalog, CartStore carts, OrderStore orders, OrderEvents events, OrderListener listener,
			Supplier<String> orderIds, Clock clock) {
		this.catalog = catalog;
		this.carts = carts;
		this.orders = orders;
		this.events = events;
		this.listener = listener;
		this.orderIds = orderIds;
		this.clock = clock;
	}

	/** Puts units of a catalog product into the cart, at the catalog's current name and price. */
	public Cart addItem(String customerId, Sku sku, long quantity) {
		int units = Cart.requireQuantity(quantity);
		CatalogItem item = this.catalog.find(sku)
			.orElseThrow(() -> new NotFoundException("No product with sku '" + sku + "'"));
		return this.carts.add(requireCustomer(customerId), item, units);
	}

	/** Lowers a line by {@code quantity}, or removes it when none is given or it reaches zero. */
	public Cart removeItem(String customerId, Sku sku, @Nullable Long quantity) {
		Integer units = (quantity != null) ? Cart.requireQuantity(quantity) : null;
		return this.carts.remove(requireCustomer(customerId), sku, units);
	}

	public Cart cart(String customerId) {
		return this.carts.get(requireCustomer(customerId));
	}

	/**
	 * Turns the cart into an order, once per idempotency key: the same key returns the same order
	 * and announces nothing new. The cart is emptied only after the broker has {@code order.placed};
	 * if it cannot be reached the failure reaches the caller, the cart is kept, and a retry with the
	 * same key announces the same order (with the same event id, so nothing is doubled). One
	 * checkout of a customer's cart runs at a time.
	 * @throws IllegalStateException when the cart is empty, or a checkout of this cart is running
	 */
	public Order checkout(String customerId, String idempotencyKey) {
		requireCustomer(customerId);
		if (idempotencyKey.isBlank() || idempotencyKey.length() > 200) {
			throw new InvalidInputException("the Idempotency-Key header must be 1 to 200 characters");
		}
		if (!this.orders.lockCheckout(customerId)) {
			throw new ConflictException("a checkout of this cart is in progress; retry shortly");
		}
		try {
			return checkoutLocked(customerId, idempotencyKey);
		}
		finally {
			this.orders.unlockCheckout(customerId);
		}
	}

	private Order checkoutLocked(String customerId, String idempotencyKey) {
		String candidate = this.orderIds.get();
		String orderId = this.orders.claimCheckout(customerId, idempotencyKey, candidate);
		Optional<Order> existing = this.orders.find(orderId);
		if (existing.isPresent()) {
			return existing.get().published() ? existing.get() : announce(existing.get());
		}
		if (!orderId.equals(candidate)) {
			throw new ConflictException("a checkout with this Idempotency-Key is in progress; retry shortly");
		}
		Order order;
		try {
			Cart cart = this.carts.get(customerId);
			if (cart.isEmpty()) {
				throw new ConflictException("the cart of " + customerId + " is empty");
			}
			order = Order.place(orderId, cart, this.clock.instant());
			this.orders.save(order);
		}
		catch (RuntimeException ex) {
			this.orders.forgetCheckout(customerId, idempotencyKey);
			throw ex;
		}
		return announce(order);
	}

	/**
	 * Publishes the order, then marks it published and takes its lines out of the cart. From the
	 * moment the event may have reached the broker nothing is undone: a failure leaves the order
	 * and its key for the retry. Only the call that marks it published tells the listener.
	 */
	private Order announce(Order order) {
		this.events.placed(order);
		if (this.orders.markPublished(order.orderId())) {
			this.listener.placed(order);
		}
		this.carts.removeOrdered(order.customerId(), order.lines());
		return this.orders.find(order.orderId()).orElse(order);
	}

	public Order order(String orderId) {
		return this.orders.find(orderId)
			.orElseThrow(() -> new NotFoundException("No order with id '" + orderId + "'"));
	}

	/**
	 * Cancels a placed or confirmed order: marks it cancelled, then announces
	 * {@code order.cancelled} so inventory releases its stock. Asking again announces the same event
	 * again (same id: released once, e-mailed once), so a cancel whose announcement failed is
	 * completed by repeating it.
	 * @throws IllegalStateException when the order was rejected
	 */
	public Order cancel(String orderId, String reason) {
		Order order = transition(orderId, Set.of(OrderStatus.PLACED, OrderStatus.CONFIRMED), OrderStatus.CANCELLED,
				reason)
			.orElseThrow(() -> new NotFoundException("No order with id '" + orderId + "'"));
		if (order.status() != OrderStatus.CANCELLED) {
			throw new ConflictException("order " + orderId + " is " + order.status() + " and cannot be cancelled");
		}
		this.events.cancelled(order, (order.reason() != null) ? order.reason() : reason);
		return order;
	}

	/**
	 * Applies the status inventory decided to a placed order. Anything else (a late confirmation
	 * of a cancelled order, an unknown order) changes nothing.
	 * @return whether the order now has that status
	 */
	public boolean statusDecided(String orderId, OrderStatus status, @Nullable String reason) {
		return transition(orderId, Set.of(OrderStatus.PLACED), status, reason)
			.map(order -> order.status() == status)
			.orElse(false);
	}

	/** Asks the store for the change and tells the listener when it really happened. */
	private Optional<Order> transition(String orderId, Set<OrderStatus> from, OrderStatus to,
			@Nullable String reason) {
		return this.orders.transition(orderId, from, to, reason).map(change -> {
			if (change.changed()) {
				this.listener.statusChanged(change.order(), to);
			}
			return change.order();
		});
	}

	private static String requireCustomer(@Nullable String customerId) {
		if (customerId == null || customerId.isBlank()) {
			throw new InvalidInputException("customerId is required");
		}
		if (customerId.length() > 100 || customerId.contains(":")) {
			throw new InvalidInputException("customerId must be at most 100 characters, without ':'");
		}
		return customerId;
	}

}
