package io.fnorders.cart.shopping;

import java.time.Clock;
import java.time.Duration;
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
 * turns the cart into an announced order in one step, cancelling, and following the status
 * inventory decides. The {@link OrderListener} is told of each order placed and each status
 * change, once.
 */
public class Shopping {

	/** The longest cancel reason a customer may give. */
	public static final int MAX_REASON_LENGTH = 200;

	/** The longest e-mail address an order keeps (RFC 5321's limit of a path). */
	static final int MAX_EMAIL_LENGTH = 254;

	/** How often a checkout reads the cart again when it changed meanwhile. */
	private static final int CHECKOUT_ATTEMPTS = 3;

	private final Catalog catalog;

	private final CartStore carts;

	private final OrderStore orders;

	private final OrderListener listener;

	private final Supplier<String> orderIds;

	private final Clock clock;

	private final Duration cancelWindow;

	/**
	 * @param cancelWindow how long after it was placed an order can be cancelled
	 */
	public Shopping(Catalog catalog, CartStore carts, OrderStore orders, OrderListener listener,
			Supplier<String> orderIds, Clock clock, Duration cancelWindow) {
		this.catalog = catalog;
		this.carts = carts;
		this.orders = orders;
		this.listener = listener;
		this.orderIds = orderIds;
		this.clock = clock;
		this.cancelWindow = cancelWindow;
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
	 * and changes nothing. Storing the order, binding the key, emptying the cart and announcing
	 * {@code order.placed} are one step, which needs no broker: the order is announced as soon as
	 * the broker takes it. Of two checkouts of one cart with different keys, one gets the order and
	 * the other an empty cart.
	 * @param email where the e-mails about the order go
	 * @throws ConflictException when the cart is empty
	 */
	public Order checkout(String customerId, String email, String idempotencyKey) {
		requireCustomer(customerId);
		if (email.isBlank() || email.length() > MAX_EMAIL_LENGTH) {
			throw new InvalidInputException("the e-mail address must be 1 to " + MAX_EMAIL_LENGTH + " characters");
		}
		if (idempotencyKey.isBlank() || idempotencyKey.length() > 200) {
			throw new InvalidInputException("the Idempotency-Key header must be 1 to 200 characters");
		}
		for (int attempt = 0; attempt < CHECKOUT_ATTEMPTS; attempt++) {
			Cart cart = this.carts.get(customerId);
			if (cart.isEmpty()) {
				return placedBefore(customerId, idempotencyKey)
					.orElseThrow(() -> new ConflictException("the cart of " + customerId + " is empty"));
			}
			Order order = Order.place(this.orderIds.get(), cart, email, this.clock.instant());
			switch (this.orders.place(order, idempotencyKey, cart.revision())) {
				case Placement.Placed placed -> {
					this.listener.placed(order);
					return order;
				}
				case Placement.PlacedBefore before -> {
					return order(before.orderId(), customerId);
				}
				case Placement.CartChanged changed -> {
				}
			}
		}
		throw new ConflictException("the cart kept changing during the checkout; check out again");
	}

	private Optional<Order> placedBefore(String customerId, String idempotencyKey) {
		return this.orders.checkoutOf(customerId, idempotencyKey).map(orderId -> order(orderId, customerId));
	}

	/**
	 * One of the customer's orders. Another customer's order is not found, exactly as an order
	 * that does not exist, so order ids cannot be probed.
	 */
	public Order order(String orderId, String customerId) {
		return this.orders.find(orderId)
			.filter(order -> order.customerId().equals(customerId))
			.orElseThrow(() -> new NotFoundException("No order with id '" + orderId + "'"));
	}

	/**
	 * Cancels a placed or confirmed order within the cancellation window, and announces
	 * {@code order.cancelled} in the same step, so inventory releases its stock. Asking again
	 * answers the cancelled order and announces nothing more. Another customer's order is not
	 * found.
	 * @param reason why, in the customer's words: at most {@value #MAX_REASON_LENGTH} characters
	 * of plain text, no control characters (it goes into the e-mail)
	 * @throws ConflictException when the order was rejected, or is too old to be cancelled
	 */
	public Order cancel(String orderId, String customerId, String reason) {
		requireReason(reason);
		Order order = order(orderId, customerId);
		if (order.status() == OrderStatus.CANCELLED) {
			return order;
		}
		if (order.placedAt().plus(this.cancelWindow).isBefore(this.clock.instant())) {
			throw new ConflictException("order " + orderId + " was placed more than " + this.cancelWindow.toDays()
					+ " days ago and can no longer be cancelled");
		}
		Transition cancel = this.orders.cancel(order, Set.of(OrderStatus.PLACED, OrderStatus.CONFIRMED), reason)
			.orElseThrow(() -> new NotFoundException("No order with id '" + orderId + "'"));
		if (cancel.changed()) {
			this.listener.statusChanged(cancel.order(), OrderStatus.CANCELLED);
		}
		if (cancel.order().status() != OrderStatus.CANCELLED) {
			throw new ConflictException("order " + orderId + " is " + cancel.order().status() + " and cannot be cancelled");
		}
		return cancel.order();
	}

	/**
	 * Applies the status inventory decided to a placed order. Anything else (a late confirmation
	 * of a cancelled order, an unknown order) changes nothing.
	 * @return whether the order now has that status
	 */
	public boolean statusDecided(String orderId, OrderStatus status, @Nullable String reason) {
		return this.orders.transition(orderId, Set.of(OrderStatus.PLACED), status, reason).map(change -> {
			if (change.changed()) {
				this.listener.statusChanged(change.order(), status);
			}
			return change.order().status() == status;
		}).orElse(false);
	}

	private static void requireReason(String reason) {
		if (reason.length() > MAX_REASON_LENGTH) {
			throw new InvalidInputException("the reason must be at most " + MAX_REASON_LENGTH + " characters");
		}
		if (reason.chars().anyMatch(Character::isISOControl)) {
			throw new InvalidInputException("the reason must be one line of text, without control characters");
		}
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
