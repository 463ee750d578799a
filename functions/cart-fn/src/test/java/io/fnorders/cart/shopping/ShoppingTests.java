package io.fnorders.cart.shopping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import io.fnorders.errors.ConflictException;
import io.fnorders.errors.InvalidInputException;
import io.fnorders.errors.NotFoundException;
import io.fnorders.values.Money;
import io.fnorders.values.Sku;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class ShoppingTests {

	private static final Sku MUG = Sku.of("MUG");

	private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

	private final InMemoryCarts carts = new InMemoryCarts();

	private final InMemoryOrders orders = new InMemoryOrders(this.carts);

	private final RecordingListener listener = new RecordingListener();

	private final AtomicInteger ids = new AtomicInteger();

	private final MutableClock clock = new MutableClock(NOW);

	private final Shopping shopping = new Shopping(
			sku -> MUG.equals(sku) ? Optional.of(new CatalogItem(MUG, "Mug", Money.of(new BigDecimal("2.50"), "EUR")))
					: Optional.empty(),
			this.carts, this.orders, this.listener, () -> "order-" + this.ids.incrementAndGet(), this.clock,
			Duration.ofDays(14));

	@Test
	void addsAtTheCatalogsPriceAndRefusesUnknownSkus() {
		Cart cart = this.shopping.addItem("c-1", MUG, 2);

		assertThat(cart.total()).contains(Money.of(new BigDecimal("5.00"), "EUR"));
		assertThatExceptionOfType(NotFoundException.class).isThrownBy(() -> this.shopping.addItem("c-1", Sku.of("GHOST"), 1));
		assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> this.shopping.addItem("c-1", MUG, 1000));
		assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> this.shopping.addItem(" ", MUG, 1));
	}

	@Test
	void turnsTheCartIntoAnAnnouncedOrderInOneStepOncePerKey() {
		this.shopping.addItem("c-1", MUG, 2);

		Order order = this.shopping.checkout("c-1", "c-1@example.test", "key-1");
		Order again = this.shopping.checkout("c-1", "c-1@example.test", "key-1");

		assertThat(order.status()).isEqualTo(OrderStatus.PLACED);
		assertThat(again.orderId()).isEqualTo(order.orderId());
		assertThat(this.orders.announced).containsExactly("order.placed " + order.orderId());
		assertThat(this.shopping.cart("c-1").isEmpty()).isTrue();
	}

	@Test
	void aSecondKeyOnTheEmptiedCartIsAConflictAndAnnouncesNothing() {
		this.shopping.addItem("c-1", MUG, 1);
		this.shopping.checkout("c-1", "c-1@example.test", "key-1");

		assertThatExceptionOfType(ConflictException.class).isThrownBy(() -> this.shopping.checkout("c-1", "c-1@example.test", "key-2"))
			.withMessageContaining("is empty");
		assertThat(this.orders.announced).hasSize(1);
	}

	@Test
	void readsTheCartAgainWhenItChangedWhileCheckingOut() {
		this.shopping.addItem("c-1", MUG, 1);
		this.orders.beforeNextPlacement = () -> this.carts.add("c-1", new CatalogItem(MUG, "Mug",
				Money.of(new BigDecimal("2.50"), "EUR")), 2);

		Order order = this.shopping.checkout("c-1", "c-1@example.test", "key-1");

		assertThat(order.lines()).singleElement().extracting(CartLine::quantity).isEqualTo(3);
		assertThat(this.orders.announced).containsExactly("order.placed " + order.orderId());
	}

	@Test
	void refusesAnEmptyCartAndAMissingKey() {
		assertThatExceptionOfType(ConflictException.class).isThrownBy(() -> this.shopping.checkout("c-1", "c-1@example.test", "key-1"))
			.withMessageContaining("is empty");
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> this.shopping.checkout("c-1", "c-1@example.test", " "));
	}

	@Test
	void cancelsOnceAnnouncingItOnceAndNeverARejectedOrder() {
		this.shopping.addItem("c-1", MUG, 1);
		Order order = this.shopping.checkout("c-1", "c-1@example.test", "key-1");

		assertThat(this.shopping.cancel(order.orderId(), "c-1", "no").status()).isEqualTo(OrderStatus.CANCELLED);
		assertThat(this.shopping.cancel(order.orderId(), "c-1", "again").reason()).isEqualTo("no");
		assertThat(this.orders.announced).containsExactly("order.placed " + order.orderId(),
				"order.cancelled " + order.orderId());

		this.shopping.addItem("c-1", MUG, 1);
		Order rejected = this.shopping.checkout("c-1", "c-1@example.test", "key-2");
		this.shopping.statusDecided(rejected.orderId(), OrderStatus.REJECTED, "short");
		assertThatExceptionOfType(ConflictException.class)
			.isThrownBy(() -> this.shopping.cancel(rejected.orderId(), "c-1", "no"));
	}

	@Test
	void aCancelledOrdersKeyReturnsItCancelledAndAnnouncesNothingMore() {
		this.shopping.addItem("c-1", MUG, 1);
		Order order = this.shopping.checkout("c-1", "c-1@example.test", "key-1");
		this.shopping.cancel(order.orderId(), "c-1", "changed my mind");

		Order retried = this.shopping.checkout("c-1", "c-1@example.test", "key-1");

		assertThat(retried.status()).isEqualTo(OrderStatus.CANCELLED);
		assertThat(this.orders.announced).containsExactly("order.placed " + order.orderId(),
				"order.cancelled " + order.orderId());
	}

	@Test
	void refusesToCancelAnOrderOlderThanTheCancellationWindow() {
		this.shopping.addItem("c-1", MUG, 1);
		Order order = this.shopping.checkout("c-1", "c-1@example.test", "key-1");
		this.clock.now = NOW.plus(Duration.ofDays(15));

		assertThatExceptionOfType(ConflictException.class).isThrownBy(() -> this.shopping.cancel(order.orderId(), "c-1", "late"))
			.withMessageContaining("more than 14 days ago");
		assertThat(this.shopping.order(order.orderId(), "c-1").status()).isEqualTo(OrderStatus.PLACED);
	}

	@Test
	void keepsTheCheckoutsAddressWithTheOrder() {
		this.shopping.addItem("c-1", MUG, 1);

		Order order = this.shopping.checkout("c-1", "c-1@example.test", "key-1");

		assertThat(order.email()).isEqualTo("c-1@example.test");
		assertThat(this.shopping.order(order.orderId(), "c-1").email()).isEqualTo("c-1@example.test");
	}

	@Test
	void anotherCustomersOrderIsNotFoundToReadOrToCancel() {
		this.shopping.addItem("c-1", MUG, 1);
		Order order = this.shopping.checkout("c-1", "c-1@example.test", "key-1");

		assertThatExceptionOfType(NotFoundException.class).isThrownBy(() -> this.shopping.order(order.orderId(), "c-2"))
			.withMessage("No order with id '" + order.orderId() + "'");
		assertThatExceptionOfType(NotFoundException.class)
			.isThrownBy(() -> this.shopping.cancel(order.orderId(), "c-2", "not mine"));
		assertThat(this.shopping.order(order.orderId(), "c-1").status()).isEqualTo(OrderStatus.PLACED);
		assertThat(this.orders.announced).containsExactly("order.placed " + order.orderId());
	}

	@Test
	void refusesACancelReasonThatIsTooLongOrNotOneLineOfText() {
		this.shopping.addItem("c-1", MUG, 1);
		Order order = this.shopping.checkout("c-1", "c-1@example.test", "key-1");

		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> this.shopping.cancel(order.orderId(), "c-1", "x".repeat(Shopping.MAX_REASON_LENGTH + 1)))
			.withMessageContaining("at most 200 characters");
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> this.shopping.cancel(order.orderId(), "c-1", "no\r\nBcc: someone@example.test"));
		assertThat(this.shopping.cancel(order.orderId(), "c-1", "x".repeat(Shopping.MAX_REASON_LENGTH)).status())
			.isEqualTo(OrderStatus.CANCELLED);
	}

	@Test
	void ignoresALateConfirmationOfACancelledOrder() {
		this.shopping.addItem("c-1", MUG, 1);
		Order order = this.shopping.checkout("c-1", "c-1@example.test", "key-1");
		this.shopping.cancel(order.orderId(), "c-1", "no");

		assertThat(this.shopping.statusDecided(order.orderId(), OrderStatus.CONFIRMED, null)).isFalse();
		assertThat(this.shopping.order(order.orderId(), "c-1").status()).isEqualTo(OrderStatus.CANCELLED);
	}

	@Test
	void countsAnOrderPlacedOnceWhenItsCheckoutIsReplayed() {
		this.shopping.addItem("c-1", MUG, 1);

		this.shopping.checkout("c-1", "c-1@example.test", "key-1");
		this.shopping.checkout("c-1", "c-1@example.test", "key-1");

		assertThat(this.listener.told).containsExactly("PLACED order-1");
	}

	@Test
	void countsEachDecidedStatusOnceWhenItsEventIsRepeated() {
		this.shopping.addItem("c-1", MUG, 1);
		String confirmed = this.shopping.checkout("c-1", "c-1@example.test", "key-1").orderId();
		this.shopping.addItem("c-1", MUG, 1);
		String rejected = this.shopping.checkout("c-1", "c-1@example.test", "key-2").orderId();

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
		String orderId = this.shopping.checkout("c-1", "c-1@example.test", "key-1").orderId();
		this.shopping.cancel(orderId, "c-1", "no");

		this.shopping.statusDecided(orderId, OrderStatus.CONFIRMED, null);
		this.shopping.statusDecided("order-unknown", OrderStatus.CONFIRMED, null);

		assertThat(this.listener.told).containsExactly("PLACED order-1", "CANCELLED order-1");
	}

	@Test
	void countsACancelOnceWhenItIsRepeated() {
		this.shopping.addItem("c-1", MUG, 1);
		String orderId = this.shopping.checkout("c-1", "c-1@example.test", "key-1").orderId();

		this.shopping.cancel(orderId, "c-1", "no");
		this.shopping.cancel(orderId, "c-1", "again");

		assertThat(this.listener.told).containsExactly("PLACED order-1", "CANCELLED order-1");
	}

	/** Carts in memory, each change one more revision. */
	static final class InMemoryCarts implements CartStore {

		final Map<String, LinkedHashMap<Sku, CartLine>> carts = new HashMap<>();

		final Map<String, Long> revisions = new HashMap<>();

		@Override
		public Cart add(String customerId, CatalogItem item, int quantity) {
			this.carts.computeIfAbsent(customerId, id -> new LinkedHashMap<>())
				.merge(item.sku(), new CartLine(item.sku(), item.name(), item.price(), quantity),
						(old, added) -> new CartLine(old.sku(), old.name(), old.unitPrice(),
								old.quantity() + added.quantity()));
			this.revisions.merge(customerId, 1L, Long::sum);
			return get(customerId);
		}

		@Override
		public Cart remove(String customerId, Sku sku, @Nullable Integer quantity) {
			this.carts.getOrDefault(customerId, new LinkedHashMap<>()).remove(sku);
			this.revisions.merge(customerId, 1L, Long::sum);
			return get(customerId);
		}

		@Override
		public Cart get(String customerId) {
			return new Cart(customerId,
					new ArrayList<>(this.carts.getOrDefault(customerId, new LinkedHashMap<>()).values()),
					this.revisions.getOrDefault(customerId, 0L));
		}

		void empty(String customerId) {
			this.carts.remove(customerId);
			this.revisions.merge(customerId, 1L, Long::sum);
		}

	}

	/** Orders in memory; what the store would queue in its outbox goes to {@link #announced}. */
	static final class InMemoryOrders implements OrderStore {

		final Map<String, String> keys = new HashMap<>();

		final Map<String, Order> orders = new HashMap<>();

		final List<String> announced = new ArrayList<>();

		private final InMemoryCarts carts;

		@Nullable Runnable beforeNextPlacement;

		InMemoryOrders(InMemoryCarts carts) {
			this.carts = carts;
		}

		@Override
		public Placement place(Order order, String idempotencyKey, long cartRevision) {
			Runnable meanwhile = this.beforeNextPlacement;
			this.beforeNextPlacement = null;
			if (meanwhile != null) {
				meanwhile.run();
			}
			String key = order.customerId() + ":" + idempotencyKey;
			if (this.keys.containsKey(key)) {
				return new Placement.PlacedBefore(this.keys.get(key));
			}
			if (this.carts.get(order.customerId()).revision() != cartRevision) {
				return new Placement.CartChanged();
			}
			this.orders.put(order.orderId(), order);
			this.keys.put(key, order.orderId());
			this.announced.add("order.placed " + order.orderId());
			this.carts.empty(order.customerId());
			return new Placement.Placed();
		}

		@Override
		public Optional<String> checkoutOf(String customerId, String idempotencyKey) {
			return Optional.ofNullable(this.keys.get(customerId + ":" + idempotencyKey));
		}

		@Override
		public Optional<Order> find(String orderId) {
			return Optional.ofNullable(this.orders.get(orderId));
		}

		@Override
		public Optional<Transition> transition(String orderId, Set<OrderStatus> from, OrderStatus to,
				@Nullable String reason) {
			return find(orderId).map(order -> {
				if (order.status() == to || !from.contains(order.status())) {
					return new Transition(order, false);
				}
				Order moved = new Order(orderId, order.customerId(), order.lines(), order.total(), to, reason,
						order.placedAt(), order.email());
				this.orders.put(orderId, moved);
				return new Transition(moved, true);
			});
		}

		@Override
		public Optional<Transition> cancel(Order order, Set<OrderStatus> from, String reason) {
			Optional<Transition> cancel = transition(order.orderId(), from, OrderStatus.CANCELLED, reason);
			cancel.filter(Transition::changed).ifPresent(done -> this.announced.add("order.cancelled " + order.orderId()));
			return cancel;
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

	static final class MutableClock extends Clock {

		Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
