package io.fnorders.swarm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.fnorders.swarm.Checkouts.Placed;
import io.fnorders.swarm.Shop.Notification;
import io.fnorders.swarm.Shop.OrderView;

/** What must hold once every placed order has run through cart-fn, inventory-fn and notification-fn. */
final class Outcomes {

	private static final Set<String> OUTCOMES = Set.of("CONFIRMED", "REJECTED");

	private final Shop shop;

	Outcomes(Shop shop) {
		this.shop = shop;
	}

	/** Waits (at most {@code atMost}) until every order is CONFIRMED or REJECTED. */
	Map<String, OrderView> awaitFinal(Collection<Placed> placed, Duration atMost) {
		Map<String, OrderView> finals = new LinkedHashMap<>();
		List<String> pending = new ArrayList<>(placed.stream().map(Placed::orderId).toList());
		long deadline = System.nanoTime() + atMost.toNanos();
		while (!pending.isEmpty() && System.nanoTime() < deadline) {
			pending.removeIf(orderId -> {
				OrderView order = this.shop.order(orderId);
				if (order.isFinal()) {
					finals.put(orderId, order);
				}
				return order.isFinal();
			});
			pause(pending.isEmpty() ? Duration.ZERO : Duration.ofSeconds(1));
		}
		assertThat(pending).as("orders still without an outcome after %s", atMost).isEmpty();
		return finals;
	}

	/**
	 * Every customer was told of exactly one order: placed once, and one outcome, the one the order
	 * has. A duplicated order or a second outcome shows here.
	 */
	void assertOneOutcomeEach(Collection<Placed> placed, Map<String, OrderView> finals, Duration atMost) {
		Map<String, List<Notification>> byCustomer = new HashMap<>();
		long deadline = System.nanoTime() + atMost.toNanos();
		for (Placed order : placed) {
			List<Notification> notifications;
			do {
				notifications = this.shop.notifications(order.plan().customer());
			}
			while (!placedAndDecided(notifications) && System.nanoTime() < deadline && pause(Duration.ofMillis(500)));
			byCustomer.put(order.plan().customer(), notifications);
		}
		for (Placed order : placed) {
			List<Notification> notifications = byCustomer.get(order.plan().customer());
			assertThat(notifications).as("notifications of %s", order.plan().customer())
				.extracting(Notification::orderId)
				.containsOnly(order.orderId());
			assertThat(notifications).as("notifications of order %s", order.orderId())
				.extracting(Notification::type)
				.containsExactlyInAnyOrder("PLACED", finals.get(order.orderId()).status());
		}
	}

	/**
	 * No oversell and nothing lost: each sku still has what was set on hand, its reservations are
	 * exactly the confirmed orders' quantities, and available is what is left.
	 */
	void assertStockConsistent(Map<String, Integer> onHand, Collection<OrderView> orders) {
		Map<String, Integer> confirmed = new HashMap<>();
		orders.stream()
			.filter(order -> "CONFIRMED".equals(order.status()))
			.forEach(order -> order.lines().forEach((sku, quantity) -> confirmed.merge(sku, quantity, Integer::sum)));
		onHand.forEach((sku, quantity) -> {
			Shop.Stock stock = this.shop.stock(sku);
			int reserved = confirmed.getOrDefault(sku, 0);
			assertThat(stock).as("stock of %s", sku)
				.isEqualTo(new Shop.Stock(quantity, reserved, quantity - reserved));
			assertThat(stock.available()).as("available %s", sku).isNotNegative();
		});
	}

	private static boolean placedAndDecided(List<Notification> notifications) {
		return notifications.stream().anyMatch(n -> "PLACED".equals(n.type()))
				&& notifications.stream().anyMatch(n -> OUTCOMES.contains(n.type()));
	}

	static boolean pause(Duration duration) {
		try {
			Thread.sleep(duration);
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
