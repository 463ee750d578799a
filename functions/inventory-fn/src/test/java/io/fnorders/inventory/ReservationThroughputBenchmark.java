package io.fnorders.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.fnorders.events.EventTypes;
import io.fnorders.events.Topics;
import io.fnorders.inventory.stock.ReservationRequest;
import io.fnorders.inventory.stock.Inventory;
import io.fnorders.testsupport.ConsumerGroups;
import io.fnorders.testsupport.EventWriter;
import io.fnorders.testsupport.RealBrokers;
import io.fnorders.testsupport.TopicReader;
import io.fnorders.values.Sku;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * {@code make bench}: reservation throughput of one inventory-fn instance on a real broker and
 * Redis. Not part of {@code make test} (the name matches no test pattern). Each round writes a
 * batch of one-line orders to {@code orders} and times until every outcome is on
 * {@code order-status}; the median of the rounds is reported, next to the Redis script alone.
 */
@RealBrokers
@SpringBootTest(properties = "fnorders.inventory.key-prefix=inventory-bench")
class ReservationThroughputBenchmark {

	private static final int ORDERS_PER_ROUND = Integer.getInteger("bench.orders", 3000);

	private static final int ROUNDS = Integer.getInteger("bench.rounds", 5);

	@Autowired
	Inventory inventory;

	@Autowired
	RedisStockStore store;

	/** Orders per second of each round until inventory-fn had committed them all, before the outcomes were out. */
	private final List<Double> consumed = new ArrayList<>();

	@Test
	void measureReservationThroughput() throws Exception {
		String sku = InventoryFixtures.uniqueSku("BENCH");
		this.inventory.setStock(Sku.of(sku), Inventory.MAX_UNITS);
		List<Double> endToEnd = new ArrayList<>();
		List<Double> scriptOnly = new ArrayList<>();
		try (EventWriter writer = EventWriter.create(); TopicReader statuses = TopicReader.of(Topics.ORDER_STATUS)) {
			round(writer, statuses, sku, 1000);
			this.consumed.clear();
			for (int round = 0; round < ROUNDS; round++) {
				endToEnd.add(round(writer, statuses, sku, ORDERS_PER_ROUND));
			}
			// after the end-to-end rounds: each order decided here queues its outcome too, which
			// the relay would otherwise be publishing during the next end-to-end round
			for (int round = 0; round < ROUNDS; round++) {
				scriptOnly.add(scriptRound(sku, ORDERS_PER_ROUND));
			}
		}
		String report = """
				reservation throughput, one inventory-fn instance (consumer concurrency 6, 12 partitions)
				  orders per round: %d, rounds: %d
				  end to end (orders -> reserveStock -> order-status): median %.0f orders/s, rounds %s
				  of which consumed (offsets committed):               median %.0f orders/s, rounds %s
				  Redis reserve script alone (16 threads):                median %.0f orders/s, rounds %s
				""".formatted(ORDERS_PER_ROUND, ROUNDS, median(endToEnd), rounded(endToEnd), median(this.consumed),
				rounded(this.consumed), median(scriptOnly), rounded(scriptOnly));
		Path out = Path.of("target", "bench", "reservations.txt");
		Files.createDirectories(out.getParent());
		Files.writeString(out, report);
		System.out.print(report);
		assertThat(endToEnd).hasSize(ROUNDS);
	}

	/** Writes {@code count} orders and waits for every outcome; returns orders per second. */
	private double round(EventWriter writer, TopicReader statuses, String sku, int count) {
		List<String> orderIds = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			orderIds.add(InventoryFixtures.orderId());
		}
		Set<String> expected = new HashSet<>(orderIds);
		long start = System.nanoTime();
		for (String orderId : orderIds) {
			writer.sendAsync(Topics.ORDERS, EventTypes.ORDER_PLACED, "p-" + orderId, orderId,
					InventoryFixtures.order(orderId, sku, 1));
		}
		writer.flush();
		ConsumerGroups.awaitCaughtUp("inventory-fn", Topics.ORDERS, Duration.ofMinutes(5));
		this.consumed.add(count / ((System.nanoTime() - start) / 1e9));
		statuses.awaitCount(record -> expected.contains(record.key()), count, Duration.ofMinutes(5));
		return count / ((System.nanoTime() - start) / 1e9);
	}

	private double scriptRound(String sku, int count) throws Exception {
		long start = System.nanoTime();
		try (ExecutorService callers = Executors.newFixedThreadPool(16)) {
			List<Future<?>> calls = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				String orderId = InventoryFixtures.orderId();
				calls.add(callers.submit(() -> this.store.reserve(ReservationRequest.of(orderId, "bench",
						List.of(new ReservationRequest.Line(sku, 1))))));
			}
			for (Future<?> call : calls) {
				call.get();
			}
		}
		return count / ((System.nanoTime() - start) / 1e9);
	}

	private static double median(List<Double> values) {
		List<Double> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		int middle = sorted.size() / 2;
		return (sorted.size() % 2 == 1) ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
	}

	private static List<Long> rounded(List<Double> values) {
		return values.stream().map(Math::round).toList();
	}

}
