package io.fnorders.cart.shopping;

import java.time.Clock;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import io.fnorders.values.Sku;
import org.jspecify.annotations.Nullable;

/**
 * Carts and the orders placed from them: adding and removing lines, an idempotent checkout that
 * announces the order before it empties the cart, cancelling, and following the status inventory
 * decides.
 */
public class Shopping {

	private final Catalog catalog;

	private final CartStore carts;

	private final OrderStore orders;

	private final OrderEvents events;

	private final Supplier<String> orderIds;

	private final Clock clock;

	public Shopping(Catalog catalog, CartStore carts, OrderStore orders, OrderEvents events, Supplier<String> orderIds,
			Clock clock) {
		this.catalog = catalog;
		this.carts = carts;
		this.orders = orders;
		this.events = events;
		this.orderIds = orderIds;
		this.clock = clock;
	}

	/** Puts units of a catalog product into the cart, at the catalog's current name and price. */
	public Cart addItem(String customerId, Sku sku, long quantity) {
		int units = Cart.requireQuantity(quantity);
		CatalogItem item = this.catalog.find(sku)
			.orElseThrow(() -> new NoSuchElementException("No product with sku '" + sku + "'"));
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
	 * if it cannot be reached the failure reaches the caller and the cart is kept.
	 * @throws IllegalStateException when the cart is empty, or the same key is being checked out
	 * right now
	 */
	public Order checkout(String customerId, String idempotencyKey) {
		requireCustomer(customerId);
		if (idempotencyKey.isBlank() || idempotencyKey.length() > 200) {
			throw new IllegalArgumentException("the Idempotency-Key header must be 1 to 200 characters");
		}
		String candidate = this.orderIds.get();
		String orderId = this.orders.claimCheckout(customerId, idempotencyKey, candidate);
		Optional<Order> existing = this.orders.find(orderId);
		if (existing.isPresent()) {
			return existing.get().published() ? existing.get() : announce(existing.get());
		}
		if (!orderId.equals(candidate)) {
			throw new IllegalStateException("a checkout with this Idempotency-Key is in progress; retry shortly");
		}
		Cart cart = this.carts.get(customerId);
		if (cart.isEmpty()) {
			this.orders.forgetCheckout(customerId, idempotencyKey);
			throw new IllegalStateException("the cart of " + customerId + " is empty");
		}
		Order order = Order.place(orderId, cart, this.clock.instant());
		this.orders.save(order);
		try {
			return announce(order);
		}
		catch (RuntimeException ex) {
			this.orders.delete(orderId);
			this.orders.forgetCheckout(customerId, idempotencyKey);
			throw ex;
		}
	}

	private Order announce(Order order) {
		this.events.placed(order);
		this.orders.markPublished(order.orderId());
		this.carts.removeOrdered(order.customerId(), order.lines());
		return this.orders.find(order.orderId()).orElse(order);
	}

	public Order order(String orderId) {
		return this.orders.find(orderId)
			.orElseThrow(() -> new NoSuchElementException("No order with id '" + orderId + "'"));
	}

	/**
	 * Cancels a placed or confirmed order: announces {@code order.cancelled}, so inventory releases
	 * its stock, then marks it cancelled. Cancelling a cancelled order changes nothing.
	 * @throws IllegalStateException when the order was rejected
	 */
	public Order cancel(String orderId, String reason) {
		Order order = order(orderId);
		if (order.status() == OrderStatus.CANCELLED) {
			return order;
		}
		if (!order.status().next().contains(OrderStatus.CANCELLED)) {
			throw new IllegalStateException("order " + orderId + " is " + order.status() + " and cannot be cancelled");
		}
		this.events.cancelled(order, reason);
		return this.orders.transition(orderId, Set.of(OrderStatus.PLACED, OrderStatus.CONFIRMED), OrderStatus.CANCELLED,
				reason).orElse(order);
	}

	/**
	 * Applies the status inventory decided to a placed order. Anything else (a late confirmation
	 * of a cancelled order, an unknown order) changes nothing.
	 * @return whether the order now has that status
	 */
	public boolean statusDecided(String orderId, OrderStatus status, @Nullable String reason) {
		return this.orders.transition(orderId, Set.of(OrderStatus.PLACED), status, reason)
			.map(order -> order.status() == status)
			.orElse(false);
	}

	private static String requireCustomer(@Nullable String customerId) {
		if (customerId == null || customerId.isBlank()) {
			throw new IllegalArgumentException("customerId is required");
		}
		if (customerId.length() > 100 || customerId.contains(":")) {
			throw new IllegalArgumentException("customerId must be at most 100 characters, without ':'");
		}
		return customerId;
	}

}
