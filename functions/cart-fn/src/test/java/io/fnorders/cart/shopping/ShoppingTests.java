package io.fnorders.cart.shopping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import io.fnorders.values.Money;
import io.fnorders.values.Sku;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class ShoppingTests {

	private static final Sku MUG = Sku.of("MUG");

	private final InMemoryCarts carts = new InMemoryCarts();

	private final InMemoryOrders orders = new InMemoryOrders();

	private final RecordingEvents events = new RecordingEvents();

	private final RecordingListener listener = new RecordingListener();

	private final AtomicInteger ids = new AtomicInteger();

	private final Shopping shopping = new Shopping(
			sku -> MUG.equals(sku) ? Optional.of(new CatalogItem(MUG, "Mug", Money.of(new BigDecimal("2.50"), "EUR")))
					: Optional.empty(),
			this.carts, this.orders, this.events, this.listener, () -> "order-" + this.ids.incrementAndGet(),
			Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC));

	@Test
	void addsAtTheCatalogsPriceAndRefusesUnknownSkus() {
		Cart cart = this.shopping.addItem("c-1", MUG, 2);

		assertThat(cart.total()).contains(Money.of(new BigDecimal("5.00"), "EUR"));
		assertThatThrownBy(() -> this.shopping.addItem("c-1", Sku.of("GHOST"), 1))
			.isInstanceOf(NoSuchElementException.class);
		assertThatIllegalArgumentException().isThrownBy(() -> this.shopping.addItem("c-1", MUG, 1000));
		assertThatIllegalArgumentException().isThrownBy(() -> this.shopping.addItem(" ", MUG, 1));
	}

	@Test
	void checksOutOnceAnnouncingBeforeEmptyingTheCart() {
		this.shopping.addItem("c-1", MUG, 2);

		Order order = this.shopping.checkout("c-1", "key-1");
		Order again = this.shopping.checkout("c-1", "key-1");

		assertThat(order.status()).isEqualTo(OrderStatus.PLACED);
		assertThat(order.published()).isTrue();
		assertThat(again.orderId()).isEqualTo(order.orderId());
		assertThat(this.events.placed).containsExactly(order.orderId());
		assertThat(this.shopping.cart("c-1").isEmpty()).isTrue();
	}

	@Test
	void keepsTheCartWhenTheOrderCannotBeAnnouncedAndAnnouncesItOnARetryWithTheSameKey() {
		this.shopping.addItem("c-1", MUG, 2);
		this.events.brokerDown = true;

		assertThatIllegalStateException().isThrownBy(() -> this.shopping.checkout("c-1", "key-1"));
		assertThat(this.shopping.cart("c-1").lines()).hasSize(1);
		assertThat(this.orders.orders.values()).singleElement().extracting(Order::published).isEqualTo(false);

		this.events.brokerDown = false;
		Order order = this.shopping.checkout("c-1", "key-1");
		assertThat(this.events.placed).containsExactly(order.orderId());
		assertThat(order.published()).isTrue();
		assertThat(this.orders.orders).hasSize(1);
		assertThat(this.shopping.cart("c-1").isEmpty()).isTrue();
	}

	@Test
	void forgetsTheKeyWhenNoOrderCouldBeMade() {
		assertThatIllegalStateException().isThrownBy(() -> this.shopping.checkout("c-1", "key-1"));
		this.shopping.addItem("c-1", MUG, 1);

		assertThat(this.shopping.checkout("c-1", "key-1").status()).isEqualTo(OrderStatus.PLACED);
	}

	@Test
	void runsOneCheckoutOfACartAtATime() {
		this.shopping.addItem("c-1", MUG, 1);
		this.orders.lockCheckout("c-1");

		assertThatIllegalStateException().isThrownBy(() -> this.shopping.checkout("c-1", "key-2"))
			.withMessageContaining("in progress");
	}

	@Test
	void announcesAnOrderThatWasSavedButNotAnnouncedWhenItsKeyComesBack() {
		this.shopping.addItem("c-1", MUG, 1);
		Cart cart = this.shopping.cart("c-1");
		this.orders.claimCheckout("c-1", "key-1", "order-left");
		this.orders.save(Order.place("order-left", cart, Instant.EPOCH));

		Order order = this.shopping.checkout("c-1", "key-1");

		assertThat(order.orderId()).isEqualTo("order-left");
		assertThat(order.published()).isTrue();
		assertThat(this.events.placed).containsExactly("order-left");
	}

	@Test
	void refusesAnEmptyCartAndAMissingKey() {
		assertThatIllegalStateException().isThrownBy(() -> this.shopping.checkout("c-1", "key-1"))
			.withMessageContaining("is empty");
		assertThatIllegalArgumentException().isThrownBy(() -> this.shopping.checkout("c-1", " "));
	}

	@Test
	void cancelsOnceAndNeverARejectedOrder() {
		this.shopping.addItem("c-1", MUG, 1);
		Order order = this.shopping.checkout("c-1", "key-1");

		assertThat(this.shopping.cancel(order.orderId(), "no").status()).isEqualTo(OrderStatus.CANCELLED);
		assertThat(this.shopping.cancel(order.orderId(), "again").reason()).isEqualTo("no");
		assertThat(this.events.cancelled).as("the same event, announced again").containsExactly(order.orderId(),
				order.orderId());

		this.shopping.addItem("c-1", MUG, 1);
		Order rejected = this.shopping.checkout("c-1", "key-2");
		this.shopping.statusDecided(rejected.orderId(), OrderStatus.REJECTED, "short");
		assertThatIllegalStateException().isThrownBy(() -> this.shopping.cancel(rejected.orderId(), "no"));
	}

	@Test
	void ignoresALateConfirmationOfACancelledOrder() {
		this.shopping.addItem("c-1", MUG, 1);
		Order order = this.shopping.checkout("c-1", "key-1");
		this.shopping.cancel(order.orderId(), "no");

		assertThat(this.shopping.statusDecided(order.orderId(), OrderStatus.CONFIRMED, null)).isFalse();
		assertThat(this.shopping.order(order.orderId()).status()).isEqualTo(OrderStatus.CANCELLED);
	}

	@Test
	void countsAnOrderPlacedOnceWhenItsCheckoutIsReplayed() {
		this.shopping.addItem("c-1", MUG, 1);

		this.shopping.checkout("c-1", "key-1");
		this.shopping.checkout("c-1", "key-1");

		assertThat(this.listener.told).containsExactly("PLACED order-1");
	}

	@Test
	void countsAnOrderWhoseAnnouncementFailedOnceWhenARetryAnnouncesIt() {
		checkoutFailingOnceThenRetried(down -> this.events.brokerDown = down);

		assertThat(this.events.placed).containsExactly("order-1");
		assertThat(this.listener.told).containsExactly("PLACED order-1");
	}

	@Test
	void countsAnOrderAnnouncedTwiceOnceWhenOnlyTheRetryMarksItPublished() {
		checkoutFailingOnceThenRetried(down -> this.orders.markingFails = down);

		assertThat(this.events.placed).as("announced again, with the same id").containsExactly("order-1", "order-1");
		assertThat(this.listener.told).containsExactly("PLACED order-1");
	}

	@Test
	void countsEachDecidedStatusOnceWhenItsEventIsRepeated() {
		this.shopping.addItem("c-1", MUG, 1);
		String confirmed = this.shopping.checkout("c-1", "key-1").orderId();
		this.shopping.addItem("c-1", MUG, 1);
		String rejected = this.shopping.checkout("c-1", "key-2").orderId();

		for (int delivery = 0; delivery < 2; delivery++) {
			assertThat(this.shopping.statusDecided(confirmed, OrderStatus.CONFIRMED, null)).isTrue();
			assertThat(this.shopping.statusDecided(rejected, OrderStatus.REJECTED, "short")).isTrue();
		}

		assertThat(this.listener.told).containsExactly("PLACED order-1", "PLACED order-2", "CONFIRMED order-1",
				"REJECTED order-2");
	}

	@Test
	void doesNotCountALateConfirmationOfACancelledOrderOrAnUnknownOne() {
		this.shopping.addItem("c-1", MUG, 1);
		String orderId = this.shopping.checkout("c-1", "key-1").orderId();
		this.shopping.cancel(orderId, "no");

		this.shopping.statusDecided(orderId, OrderStatus.CONFIRMED, null);
		this.shopping.statusDecided("order-unknown", OrderStatus.CONFIRMED, null);

		assertThat(this.listener.told).containsExactly("PLACED order-1", "CANCELLED order-1");
	}

	@Test
	void countsACancelOnceWhenItIsRepeated() {
		this.shopping.addItem("c-1", MUG, 1);
		String orderId = this.shopping.checkout("c-1", "key-1").orderId();

		this.shopping.cancel(orderId, "no");
		this.shopping.cancel(orderId, "again");

		assertThat(this.events.cancelled).containsExactly(orderId, orderId);
		assertThat(this.listener.told).containsExactly("PLACED order-1", "CANCELLED order-1");
	}

	/**
	 * Checks out with {@code failure} switched on (the checkout fails and nothing is counted yet),
	 * then retries the same key twice with it switched off.
	 */
	private void checkoutFailingOnceThenRetried(Consumer<Boolean> failure) {
		this.shopping.addItem("c-1", MUG, 1);
		failure.accept(true);
		assertThatIllegalStateException().isThrownBy(() -> this.shopping.checkout("c-1", "key-1"));
		assertThat(this.listener.told).isEmpty();

		failure.accept(false);
		this.shopping.checkout("c-1", "key-1");
		this.shopping.checkout("c-1", "key-1");
	}

	static final class InMemoryCarts implements CartStore {

		final Map<String, LinkedHashMap<Sku, CartLine>> carts = new HashMap<>();

		@Override
		public Cart add(String customerId, CatalogItem item, int quantity) {
			this.carts.computeIfAbsent(customerId, id -> new LinkedHashMap<>())
				.merge(item.sku(), new CartLine(item.sku(), item.name(), item.price(), quantity),
						(old, added) -> new CartLine(old.sku(), old.name(), old.unitPrice(),
								old.quantity() + added.quantity()));
			return get(customerId);
		}

		@Override
		public Cart remove(String customerId, Sku sku, @Nullable Integer quantity) {
			this.carts.getOrDefault(customerId, new LinkedHashMap<>()).remove(sku);
			return get(customerId);
		}

		@Override
		public Cart get(String customerId) {
			return new Cart(customerId, new ArrayList<>(this.carts.getOrDefault(customerId, new LinkedHashMap<>()).values()));
		}

		@Override
		public void removeOrdered(String customerId, List<CartLine> ordered) {
			ordered.forEach(line -> remove(customerId, line.sku(), line.quantity()));
		}

	}

	static final class InMemoryOrders implements OrderStore {

		final Map<String, String> keys = new HashMap<>();

		final Map<String, Order> orders = new HashMap<>();

		final Set<String> locks = new java.util.HashSet<>();

		boolean markingFails;

		@Override
		public boolean lockCheckout(String customerId) {
			return this.locks.add(customerId);
		}

		@Override
		public void unlockCheckout(String customerId) {
			this.locks.remove(customerId);
		}

		@Override
		public String claimCheckout(String customerId, String idempotencyKey, String candidateOrderId) {
			return this.keys.computeIfAbsent(customerId + ":" + idempotencyKey, key -> candidateOrderId);
		}

		@Override
		public void forgetCheckout(String customerId, String idempotencyKey) {
			this.keys.remove(customerId + ":" + idempotencyKey);
		}

		@Override
		public void save(Order order) {
			this.orders.put(order.orderId(), order);
		}

		@Override
		public void delete(String orderId) {
			this.orders.remove(orderId);
		}

		@Override
		public Optional<Order> find(String orderId) {
			return Optional.ofNullable(this.orders.get(orderId));
		}

		@Override
		public boolean markPublished(String orderId) {
			if (this.markingFails) {
				throw new IllegalStateException("store down");
			}
			Order order = this.orders.get(orderId);
			if (order == null || order.published()) {
				return false;
			}
			save(new Order(orderId, order.customerId(), order.lines(), order.total(), order.status(), order.reason(),
					order.placedAt(), true));
			return true;
		}

		@Override
		public Optional<Transition> transition(String orderId, Set<OrderStatus> from, OrderStatus to,
				@Nullable String reason) {
			return find(orderId).map(order -> {
				if (order.status() == to || !from.contains(order.status())) {
					return new Transition(order, false);
				}
				Order moved = new Order(orderId, order.customerId(), order.lines(), order.total(), to, reason,
						order.placedAt(), order.published());
				save(moved);
				return new Transition(moved, true);
			});
		}

	}

	static final class RecordingEvents implements OrderEvents {

		final List<String> placed = new ArrayList<>();

		final List<String> cancelled = new ArrayList<>();

		boolean brokerDown;

		@Override
		public void placed(Order order) {
			if (this.brokerDown) {
				throw new IllegalStateException("broker down");
			}
			this.placed.add(order.orderId());
		}

		@Override
		public void cancelled(Order order, String reason) {
			this.cancelled.add(order.orderId());
		}

	}

	/** Writes down what it is told, as {@code <status> <orderId>}. */
	static final class RecordingListener implements OrderListener {

		final List<String> told = new ArrayList<>();

		@Override
		public void placed(Order order) {
			this.told.add(OrderStatus.PLACED + " " + order.orderId());
		}

		@Override
		public void statusChanged(Order order, OrderStatus status) {
			this.told.add(status + " " + order.orderId());
		}

	}

}
