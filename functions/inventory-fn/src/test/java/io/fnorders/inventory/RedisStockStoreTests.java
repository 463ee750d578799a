package io.fnorders.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import io.fnorders.errors.ConflictException;
import io.fnorders.events.OrderConfirmed;
import io.fnorders.events.OrderRejected;
import io.fnorders.events.ReservedLine;
import io.fnorders.events.ShortLine;
import io.fnorders.inventory.stock.Release;
import io.fnorders.inventory.stock.ReservationOutcome;
import io.fnorders.inventory.stock.ReservationRequest.Line;
import io.fnorders.inventory.stock.ReservationRequest;
import io.fnorders.inventory.stock.RequestScope;
import io.fnorders.inventory.stock.StockLevel;
import io.fnorders.platform.outbox.Outbox;
import io.fnorders.testsupport.SharedBrokers;
import io.fnorders.values.Sku;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;

/** The Redis store's atomic scripts, against a real Redis server, with many callers at once. */
class RedisStockStoreTests {

	private static LettuceConnectionFactory connections;

	private static RedisStockStore store;

	private static StringRedisTemplate redis;

	private static Outbox outbox;

	private static JsonMapper json;

	@BeforeAll
	static void connect() {
		connections = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration("127.0.0.1", SharedBrokers.redisPort()));
		connections.afterPropertiesSet();
		connections.start();
		redis = new StringRedisTemplate(connections);
		JsonMapper json = JsonMapper.builder().build();
		outbox = new Outbox("inventory-store-test:outbox", 4, "inventory-fn", json, Clock.systemUTC(), null, null);
		store = new RedisStockStore(redis, json, new InventoryProperties("inventory-store-test", Duration.ofDays(30)),
				outbox, new OrderStatusEntries(outbox));
		RedisStockStoreTests.json = json;
	}

	@AfterAll
	static void disconnect() {
		connections.destroy();
	}

	@Test
	void confirmsExactlyAsManyOrdersAsThereAreUnitsWhateverTheConcurrency() throws Exception {
		Sku sku = Sku.of(InventoryFixtures.uniqueSku("HOT"));
		store.set(sku, 10);

		List<ReservationOutcome> outcomes = concurrently(200,
				i -> () -> store.reserve(request(InventoryFixtures.orderId(), line(sku, 1))));

		assertThat(outcomes).filteredOn(ReservationOutcome.Confirmed.class::isInstance).hasSize(10);
		assertThat(store.find(sku)).get().extracting(StockLevel::reserved, StockLevel::available).containsExactly(10L, 0L);
	}

	@Test
	void reservesEveryLineOrNoneUnderConcurrency() throws Exception {
		Sku a = Sku.of(InventoryFixtures.uniqueSku("A"));
		Sku b = Sku.of(InventoryFixtures.uniqueSku("B"));
		store.set(a, 30);
		store.set(b, 10);

		List<ReservationOutcome> outcomes = concurrently(100, i -> () -> store.reserve(i % 2 == 0
				? request(InventoryFixtures.orderId(), line(a, 1), line(b, 1))
				: request(InventoryFixtures.orderId(), line(a, 2))));

		long pairs = outcomes.stream()
			.filter(ReservationOutcome.Confirmed.class::isInstance)
			.filter(outcome -> ((ReservationOutcome.Confirmed) outcome).lines().containsKey(b))
			.count();
		long doubles = outcomes.stream()
			.filter(ReservationOutcome.Confirmed.class::isInstance)
			.filter(outcome -> !((ReservationOutcome.Confirmed) outcome).lines().containsKey(b))
			.count();
		StockLevel levelA = store.find(a).orElseThrow();
		StockLevel levelB = store.find(b).orElseThrow();
		assertThat(levelB.reserved()).isEqualTo(pairs).isLessThanOrEqualTo(10);
		assertThat(levelA.reserved()).isEqualTo(pairs + 2 * doubles).isLessThanOrEqualTo(30);
		assertThat(levelA.available()).isGreaterThanOrEqualTo(0);
	}

	@Test
	void reservesAPipelinedListInOrderEachOrderWholeOrNotAtAllAndOnce() throws Exception {
		Sku sku = Sku.of(InventoryFixtures.uniqueSku("PIPE"));
		store.set(sku, 10);
		String repeated = InventoryFixtures.orderId();
		List<ReservationRequest> requests = new ArrayList<>();
		requests.add(request(repeated, line(sku, 3)));
		IntStream.range(0, 8).forEach(i -> requests.add(request(InventoryFixtures.orderId(), line(sku, 1))));
		requests.add(request(repeated, line(sku, 3)));

		List<List<ReservationOutcome>> runs = concurrently(4, i -> () -> store.reserveAll(requests.subList(0, requests.size()),
				RequestScope.NONE));

		List<ReservationOutcome> first = runs.getFirst();
		assertThat(runs).allSatisfy(outcomes -> assertThat(outcomes).extracting(ReservationOutcome::orderId)
			.containsExactlyElementsOf(requests.stream().map(ReservationRequest::orderId).toList()));
		assertThat(runs.stream().flatMap(List::stream).filter(outcome -> !outcome.repeated()))
			.as("each order decided once, however many lists carried it").hasSize(9);
		assertThat(first.getLast().repeated()).as("the same order later in the same list").isTrue();
		assertThat(store.find(sku)).get().extracting(StockLevel::reserved, StockLevel::available).containsExactly(10L, 0L);
		assertThat(first.stream().filter(ReservationOutcome.Confirmed.class::isInstance).map(ReservationOutcome::orderId)
			.distinct()).as("3 + 7 units: the eighth one-unit order is short").hasSize(8);
	}

	@Test
	void loadsTheScriptOnceWhenRedisHasForgottenItAndRunsNoCallTwice() {
		Sku sku = Sku.of(InventoryFixtures.uniqueSku("FLUSH"));
		store.set(sku, 5);
		store.reserveAll(List.of(request(InventoryFixtures.orderId(), line(sku, 1))), RequestScope.NONE);
		redis.execute((RedisCallback<Object>) connection -> {
			connection.scriptingCommands().scriptFlush();
			return null;
		});

		List<ReservationOutcome> outcomes = store.reserveAll(List.of(request(InventoryFixtures.orderId(), line(sku, 1)),
				request(InventoryFixtures.orderId(), line(sku, 2))), RequestScope.NONE);

		assertThat(outcomes).allSatisfy(outcome -> {
			assertThat(outcome).isInstanceOf(ReservationOutcome.Confirmed.class);
			assertThat(outcome.repeated()).isFalse();
		});
		assertThat(store.find(sku)).get().extracting(StockLevel::reserved).isEqualTo(4L);
	}

	@Test
	void answersARepeatedOrderWithItsRecordedOutcomeEvenAfterStockChanged() {
		Sku sku = Sku.of(InventoryFixtures.uniqueSku("LATE"));
		store.set(sku, 1);
		String orderId = InventoryFixtures.orderId();

		ReservationOutcome first = store.reserve(request(orderId, line(sku, 2)));
		store.add(sku, 5);
		ReservationOutcome again = store.reserve(request(orderId, line(sku, 2)));

		assertThat(first).isInstanceOf(ReservationOutcome.Rejected.class);
		assertThat(again).isInstanceOf(ReservationOutcome.Rejected.class);
		assertThat(again.repeated()).isTrue();
		assertThat(store.find(sku)).get().extracting(StockLevel::reserved).isEqualTo(0L);
	}

	@Test
	void releasesAConfirmedOrderOnceAndNothingElse() throws Exception {
		Sku sku = Sku.of(InventoryFixtures.uniqueSku("REL"));
		store.set(sku, 3);
		String confirmed = InventoryFixtures.orderId();
		String rejected = InventoryFixtures.orderId();
		store.reserve(request(confirmed, line(sku, 2)));
		store.reserve(request(rejected, line(sku, 5)));

		List<Release> releases = concurrently(10, i -> () -> store.release(confirmed, "customer-1")).stream()
			.flatMap(Optional::stream)
			.filter(release -> !release.repeated())
			.toList();

		assertThat(releases).singleElement().extracting(Release::lines).isEqualTo(Map.of(sku, 2));
		assertThat(store.release(rejected, "customer-1")).isEmpty();
		assertThat(store.find(sku)).get().extracting(StockLevel::reserved).isEqualTo(0L);
	}

	@Test
	void remembersACancellationThatCameFirstSoTheLateOrderReservesNothing() {
		Sku sku = Sku.of(InventoryFixtures.uniqueSku("FIRST"));
		store.set(sku, 5);
		String orderId = InventoryFixtures.orderId();

		assertThat(store.release(orderId, "customer-1")).isEmpty();
		ReservationOutcome late = store.reserve(request(orderId, line(sku, 2)));

		assertThat(late).isInstanceOf(ReservationOutcome.Cancelled.class);
		assertThat(store.find(sku)).get().extracting(StockLevel::reserved).isEqualTo(0L);
		assertThat(store.release(orderId, "customer-1")).as("still nothing held").isEmpty();
	}

	@Test
	void recordsARejectionForItsReasonOnce() {
		String orderId = InventoryFixtures.orderId();
		Sku sku = Sku.of(InventoryFixtures.uniqueSku("BIG"));
		store.set(sku, 50_000);

		ReservationOutcome rejected = store.reject(request(orderId, line(sku, 20_000)), "too many units");
		ReservationOutcome again = store.reserve(request(orderId, line(sku, 20_000)));

		assertThat(rejected).isInstanceOfSatisfying(ReservationOutcome.Rejected.class,
				outcome -> assertThat(outcome.reason()).isEqualTo("too many units"));
		assertThat(again.repeated()).isTrue();
		assertThat(again).isInstanceOfSatisfying(ReservationOutcome.Rejected.class,
				outcome -> assertThat(outcome.reason()).isEqualTo("too many units"));
		assertThat(store.find(sku)).get().extracting(StockLevel::reserved).isEqualTo(0L);
	}

	@Test
	void queuesStockChangedForEveryChangeInTheSameStepInVersionOrder() {
		Sku sku = Sku.of(InventoryFixtures.uniqueSku("ANN"));
		String orderId = InventoryFixtures.orderId();

		store.set(sku, 5);
		store.add(sku, 2);
		store.reserve(request(orderId, line(sku, 3)));
		store.reserve(request(orderId, line(sku, 3)));
		store.release(orderId, "customer-1");
		store.reserve(request(InventoryFixtures.orderId(), line(sku, 100)));

		List<MapRecord<String, Object, Object>> queued = redis.opsForStream()
			.range(outbox.streamOf(sku.value()), Range.unbounded());
		List<MapRecord<String, Object, Object>> ofSku = queued.stream()
			.filter(entry -> sku.value().equals(entry.getValue().get("subject")))
			.toList();
		assertThat(ofSku).extracting(entry -> entry.getValue().get("id"))
			.containsExactly(sku + "@1", sku + "@2", sku + "@3", sku + "@4");
		assertThat(ofSku).allSatisfy(entry -> {
			assertThat(entry.getValue()).containsEntry("binding", "stockEvents").containsEntry("type", "stock.changed");
			assertThat(entry.getValue().get("attributes").toString()).contains("\"source\":\"inventory-fn\"");
		});
		assertThat(ofSku.get(2).getValue().get("data").toString()).contains("\"reserved\":3", "\"available\":4",
				"\"onHand\":7", "\"version\":3");
	}

	@Test
	void queuesEachOrdersOutcomeOnceInTheStepThatDecidesIt() {
		Sku sku = Sku.of(InventoryFixtures.uniqueSku("OUT"));
		store.set(sku, 2);
		String orderId = InventoryFixtures.orderId();
		ReservationRequest request = request(orderId, line(sku, 2)).answeredTo("ada@example.com");

		store.reserve(request);
		store.reserve(request);

		List<MapRecord<String, Object, Object>> outcomes = outcomesOf(orderId);
		assertThat(outcomes).hasSize(1);
		assertThat(outcomes.get(0).getValue()).containsEntry("binding", "orderStatusEvents")
			.containsEntry("type", "order.confirmed")
			.containsEntry("id", "order.confirmed:" + orderId)
			.containsEntry("subject", orderId);
		OrderConfirmed confirmed = json.readValue(outcomes.get(0).getValue().get("data").toString(),
				OrderConfirmed.class);
		assertThat(confirmed).isEqualTo(new OrderConfirmed(orderId, "customer-1",
				List.of(new ReservedLine(sku.value(), 2)), "ada@example.com"));
	}

	@Test
	void queuesARejectionWithItsReasonAndShortLinesWrittenByTheScript() {
		Sku known = Sku.of(InventoryFixtures.uniqueSku("SHORT"));
		Sku unknown = Sku.of(InventoryFixtures.uniqueSku("NONE"));
		store.set(known, 1);
		String mixed = InventoryFixtures.orderId();
		String onlyUnknown = InventoryFixtures.orderId();

		ReservationOutcome outcome = store.reserve(request(mixed, line(unknown, 1), line(known, 3)).answeredTo(null));
		store.reserve(request(onlyUnknown, line(unknown, 1)));

		OrderRejected rejected = rejectionOf(mixed);
		assertThat(rejected.reason()).isEqualTo("insufficient stock for " + unknown + ", " + known);
		assertThat(rejected.shortLines()).containsExactly(new ShortLine(unknown.value(), 1, 0, true),
				new ShortLine(known.value(), 3, 1, false));
		assertThat(rejected.email()).isNull();
		assertThat(outcome).isInstanceOfSatisfying(ReservationOutcome.Rejected.class,
				decided -> assertThat(decided.reason()).isEqualTo(rejected.reason()));
		assertThat(rejectionOf(onlyUnknown).reason()).isEqualTo("unknown sku: " + unknown);
	}

	@Test
	void queuesARejectionBeyondTheLimitsWithTheReasonGiven() {
		String orderId = InventoryFixtures.orderId();

		store.reject(request(orderId, line(Sku.of("ANY"), 20_000)).answeredTo("bo@example.com"), "too many units");
		store.reject(request(orderId, line(Sku.of("ANY"), 20_000)), "too many units");

		assertThat(outcomesOf(orderId)).hasSize(1);
		assertThat(rejectionOf(orderId)).isEqualTo(
				new OrderRejected(orderId, "customer-1", "too many units", List.of(), "bo@example.com"));
	}

	private static List<MapRecord<String, Object, Object>> outcomesOf(String orderId) {
		return redis.opsForStream()
			.range(outbox.streamOf(orderId), Range.unbounded())
			.stream()
			.filter(entry -> orderId.equals(entry.getValue().get("subject")))
			.toList();
	}

	private static OrderRejected rejectionOf(String orderId) {
		List<MapRecord<String, Object, Object>> outcomes = outcomesOf(orderId);
		assertThat(outcomes).hasSize(1);
		assertThat(outcomes.get(0).getValue()).containsEntry("type", "order.rejected")
			.containsEntry("id", "order.rejected:" + orderId);
		return json.readValue(outcomes.get(0).getValue().get("data").toString(), OrderRejected.class);
	}

	@Test
	void keepsTheRecordOfADecisionForTheRetention() {
		Sku sku = Sku.of(InventoryFixtures.uniqueSku("TTL"));
		store.set(sku, 1);
		String orderId = InventoryFixtures.orderId();

		store.reserve(request(orderId, line(sku, 1)));

		assertThat(redis.getExpire("inventory-store-test:reservation:" + orderId))
			.isBetween(Duration.ofDays(30).toSeconds() - 60, Duration.ofDays(30).toSeconds());
	}

	@Test
	void refusesToSetStockBelowWhatIsReserved() {
		Sku sku = Sku.of(InventoryFixtures.uniqueSku("LOW"));
		store.set(sku, 5);
		store.reserve(request(InventoryFixtures.orderId(), line(sku, 4)));

		assertThatExceptionOfType(ConflictException.class).isThrownBy(() -> store.set(sku, 3))
			.withMessageContaining("4 units are reserved");
		assertThat(store.set(sku, 4).available()).isZero();
	}

	@Test
	void countsVersionsUpWithEveryChange() {
		Sku sku = Sku.of(InventoryFixtures.uniqueSku("VER"));

		long first = store.add(sku, 1).version();
		long second = store.set(sku, 7).version();

		assertThat(second).isGreaterThan(first);
	}

	private static Line line(Sku sku, int quantity) {
		return new Line(sku.value(), quantity);
	}

	private static ReservationRequest request(String orderId, Line... lines) {
		return ReservationRequest.of(orderId, "customer-1", List.of(lines));
	}

	private static <T> List<T> concurrently(int count, java.util.function.IntFunction<Callable<T>> task)
			throws Exception {
		try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
			List<Future<T>> futures = new ArrayList<>();
			IntStream.range(0, count).forEach(i -> futures.add(pool.submit(task.apply(i))));
			List<T> results = new ArrayList<>();
			for (Future<T> future : futures) {
				results.add(future.get());
			}
			return results;
		}
	}

}
