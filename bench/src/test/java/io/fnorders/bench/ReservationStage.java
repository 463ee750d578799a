package io.fnorders.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import io.fnorders.events.Topics;
import io.fnorders.testsupport.EventWriter;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Reservations end to end on one inventory-fn: a burst of one-line orders written to
 * {@code orders}, timed until every outcome is on {@code order-status}; beside it the same
 * records' plain round trip through Kafka (the same producer into a topic of as many partitions,
 * read back by a plain consumer). Then the latency from {@code order.placed} to its outcome at a
 * steady rate.
 */
final class ReservationStage {

	/** The baseline's topic, made for the bench and removed after. */
	private static final String ROUND_TRIP = "bench.roundtrip";

	private final Map<String, Object> operator;

	private final Supplier<Map<String, Double>> processCpu;

	private final String redisUri;

	private final int orders;

	private final int rounds;

	/**
	 * @param processCpu the CPU seconds each process has used so far, by name (inventory-fn's
	 * instance is {@code inventory-fn}, the broker {@code kafka})
	 */
	ReservationStage(Map<String, Object> operator, Supplier<Map<String, Double>> processCpu, String redisUri,
			int orders, int rounds) {
		this.operator = operator;
		this.processCpu = processCpu;
		this.redisUri = redisUri;
		this.orders = orders;
		this.rounds = rounds;
	}

	void runBurst(String sku, BenchReport report) throws Exception {
		try (Admin admin = Admin.create(this.operator)) {
			// a run cut short may have left it
			if (admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(ROUND_TRIP)) {
				admin.deleteTopics(List.of(ROUND_TRIP)).all().get(30, TimeUnit.SECONDS);
				Thread.sleep(2000);
			}
			admin.createTopics(List.of(new NewTopic(ROUND_TRIP, Topics.DEFAULT_PARTITIONS, (short) 1)))
				.all()
				.get(30, TimeUnit.SECONDS);
			try (EventWriter writer = OrderTraffic.writer(this.operator)) {
				burst(writer, Topics.ORDERS, Topics.ORDER_STATUS, sku, Math.min(this.orders, 2000));
				burst(writer, ROUND_TRIP, ROUND_TRIP, sku, Math.min(this.orders, 2000));
				Rounds reserved = new Rounds();
				Rounds roundTrip = new Rounds();
				Rounds inventoryCpu = new Rounds();
				Rounds kafkaCpu = new Rounds();
				Rounds redisCpu = new Rounds();
				for (int i = 0; i < this.rounds; i++) {
					Map<String, Double> before = this.processCpu.get();
					double redisBefore = RedisBaseline.cpuSeconds(this.redisUri);
					reserved.add(burst(writer, Topics.ORDERS, Topics.ORDER_STATUS, sku, this.orders));
					Map<String, Double> after = this.processCpu.get();
					inventoryCpu.add(perOrderMillis(before, after, "inventory-fn"));
					kafkaCpu.add(perOrderMillis(before, after, "kafka"));
					redisCpu.add((RedisBaseline.cpuSeconds(this.redisUri) - redisBefore) * 1000 / this.orders);
					roundTrip.add(burst(writer, ROUND_TRIP, ROUND_TRIP, sku, this.orders));
				}
				report.add(new Row("reservations, burst of " + this.orders + " one-line orders, 1 inventory-fn",
						"orders/s", reserved, "the same records' plain Kafka round trip", roundTrip,
						"≥ 10,000 orders/s and ≥ 0.15× the round trip"));
				report.add(Row.of("CPU per reserved order: inventory-fn", "ms", inventoryCpu, ""));
				report.add(Row.of("CPU per reserved order: Kafka broker", "ms", kafkaCpu, ""));
				report.add(Row.of("CPU per reserved order: Redis", "ms", redisCpu, ""));
				report.add(new Row("scale-out on paper: 2 inventory-fn, a core each", "orders/s",
						Rounds.of(twoInstances(inventoryCpu.median(), redisCpu.median())), "1 inventory-fn on one core",
						Rounds.of(1000 / inventoryCpu.median()), "≥ 1.6×"));
			}
			finally {
				admin.deleteTopics(List.of(ROUND_TRIP)).all().get(30, TimeUnit.SECONDS);
			}
		}
	}

	/** Writes {@code count} orders to {@code topic} and waits until each has a record on {@code outcomes}. */
	private double burst(EventWriter writer, String topic, String outcomes, String sku, int count) throws Exception {
		List<String> orderIds = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			orderIds.add(OrderTraffic.newOrderId());
		}
		Set<String> ours = Set.copyOf(orderIds);
		try (OrderTraffic.Watcher watcher = new OrderTraffic.Watcher(this.operator, outcomes, ours::contains,
				(key, at) -> {
				})) {
			long start = System.nanoTime();
			for (String orderId : orderIds) {
				OrderTraffic.place(writer, topic, orderId, sku);
			}
			writer.flush();
			watcher.awaitCount(count, Duration.ofMinutes(10));
			return count / ((System.nanoTime() - start) / 1e9);
		}
	}

	/**
	 * Orders at a steady {@code rate} for {@code duration}, each timed from its send to its
	 * outcome's arrival; the p50 and p99 of each round.
	 */
	void runSteady(String sku, int rate, Duration duration, BenchReport report) throws Exception {
		Map<String, Object> client = new HashMap<>(this.operator);
		// the client adds no wait of its own to an order's latency
		client.put(ProducerConfig.LINGER_MS_CONFIG, 0);
		Rounds p50 = new Rounds();
		Rounds p99 = new Rounds();
		try (EventWriter writer = EventWriter.create(client)) {
			steady(writer, sku, rate, Duration.ofSeconds(10));
			for (int i = 0; i < this.rounds; i++) {
				List<Double> latencies = steady(writer, sku, rate, duration);
				p50.add(percentile(latencies, 0.50));
				p99.add(percentile(latencies, 0.99));
			}
		}
		String stage = "order.placed → outcome at " + rate + " orders/s for " + duration.toSeconds() + " s";
		report.add(Row.of(stage + ", p50", "ms", p50, ""));
		report.add(Row.of(stage + ", p99", "ms", p99, "≤ 25 ms"));
	}

	private List<Double> steady(EventWriter writer, String sku, int rate, Duration duration) throws Exception {
		Map<String, Long> sent = new ConcurrentHashMap<>();
		List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
		int count = (int) (rate * duration.toSeconds());
		try (OrderTraffic.Watcher watcher = new OrderTraffic.Watcher(this.operator, Topics.ORDER_STATUS,
				sent::containsKey, (key, at) -> latencies.add((at - sent.get(key)) / 1e6))) {
			long start = System.nanoTime();
			long interval = 1_000_000_000L / rate;
			for (int i = 0; i < count; i++) {
				long due = start + i * interval;
				long wait = due - System.nanoTime();
				if (wait > 0) {
					LockSupport.parkNanos(wait);
				}
				String orderId = OrderTraffic.newOrderId();
				// timed from when it was due, so a sender that falls behind does not hide the wait
				sent.put(orderId, due);
				OrderTraffic.place(writer, Topics.ORDERS, orderId, sku);
			}
			writer.flush();
			watcher.awaitCount(count, Duration.ofMinutes(5));
		}
		if (latencies.size() != count) {
			throw new IllegalStateException("timed " + latencies.size() + " of " + count + " orders");
		}
		return latencies;
	}

	private double perOrderMillis(Map<String, Double> before, Map<String, Double> after, String process) {
		return (after.getOrDefault(process, Double.NaN) - before.getOrDefault(process, Double.NaN)) * 1000 / this.orders;
	}

	/**
	 * What two instances on a core each would reserve, from the CPU one order costs: twice one
	 * instance's rate, unless Redis, one thread for both, runs out first. The broker is left out: on
	 * a cluster it has cores of its own.
	 */
	private static double twoInstances(double inventoryMillis, double redisMillis) {
		return Math.min(2 * 1000 / inventoryMillis, 1000 / redisMillis);
	}

	/** The value {@code fraction} of the way up the sorted values (0.99: the p99). */
	static double percentile(List<Double> values, double fraction) {
		List<Double> sorted = values.stream().sorted().toList();
		return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(fraction * sorted.size()) - 1));
	}

}
