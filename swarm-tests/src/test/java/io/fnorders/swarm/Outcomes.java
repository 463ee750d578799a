package io.fnorders.swarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
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

	private static final Duration POLL = Duration.ofSeconds(1);

	private final Shop shop;

	Outcomes(Shop shop) {
		this.shop = shop;
	}

	/** Waits (at most {@code atMost}, each pass included) until every order is CONFIRMED or REJECTED. */
	Map<String, OrderView> awaitFinal(Collection<Placed> placed, Duration atMost) {
		Map<String, OrderView> finals = new LinkedHashMap<>();
		await().atMost(atMost).pollInterval(POLL).until(() -> {
			for (Placed order : placed) {
				if (!finals.containsKey(order.orderId())) {
					OrderView view = this.shop.order(order.orderId());
					if (view.isFinal()) {
						finals.put(order.orderId(), view);
					}
				}
			}
			return finals.size() == placed.size();
		});
		return finals;
	}

	/**
	 * Every customer was told of exactly one order: placed once, and one outcome, the one the order
	 * has. Waits until each has been told both, then reads every customer's notifications once more,
	 * so that a duplicated order or a second outcome arriving late shows too.
	 */
	void assertOneOutcomeEach(Collection<Placed> placed, Map<String, OrderView> finals, Duration atMost) {
		Set<String> told = new HashSet<>();
		await().atMost(atMost).pollInterval(POLL).until(() -> {
			for (Placed order : placed) {
				String customer = order.plan().customer();
				if (!told.contains(customer) && placedAndDecided(this.shop.notifications(customer))) {
					told.add(customer);
				}
			}
			return told.size() == placed.size();
		});
		for (Placed order : placed) {
			List<Notification> notifications = this.shop.notifications(order.plan().customer());
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

}
