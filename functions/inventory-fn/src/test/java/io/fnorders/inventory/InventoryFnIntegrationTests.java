package io.fnorders.inventory;

import static io.fnorders.inventory.InventoryFixtures.order;
import static io.fnorders.inventory.InventoryFixtures.orderId;
import static io.fnorders.inventory.InventoryFixtures.uniqueSku;
import static io.fnorders.testsupport.TopicReader.header;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import com.jayway.jsonpath.JsonPath;
import io.fnorders.events.EventTypes;
import io.fnorders.events.OrderCancelled;
import io.fnorders.events.OrderPlaced;
import io.fnorders.events.Topics;
import io.fnorders.testsupport.ConsumerGroups;
import io.fnorders.testsupport.EventWriter;
import io.fnorders.testsupport.HttpFunctions;
import io.fnorders.testsupport.TestIssuer;
import io.fnorders.testsupport.ObservedMetrics;
import io.fnorders.testsupport.RealBrokers;
import io.fnorders.testsupport.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * inventory-fn against a real Kafka broker and a real Redis server: stock over HTTP, reservations
 * from {@code orders}, outcomes on {@code order-status}, snapshots on {@code stock}, poison on
 * {@code orders.dlq}.
 */
@RealBrokers
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "fnorders.inventory.key-prefix=inventory-it")
class InventoryFnIntegrationTests {

	private static final Logger log = LoggerFactory.getLogger(InventoryFnIntegrationTests.class);

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static EventWriter writer;

	private static TopicReader statuses;

	private static TopicReader stock;

	private static TopicReader deadLetters;

	@LocalServerPort
	int port;

	HttpFunctions http;

	@BeforeAll
	static void clients() {
		writer = EventWriter.create();
		statuses = TopicReader.of(Topics.ORDER_STATUS);
		stock = TopicReader.of(Topics.STOCK);
		deadLetters = TopicReader.of(Topics.deadLetter(Topics.ORDERS));
	}

	@AfterAll
	static void closeClients() {
		writer.close();
		statuses.close();
		stock.close();
		deadLetters.close();
	}

	@BeforeEach
	void client() {
		this.http = HttpFunctions.onPort(this.port).as(TestIssuer.get().admin());
	}

	@Test
	void setsRestocksAndReadsStockOverHttp() {
		String sku = uniqueSku("HTTP");

		HttpResponse<String> set = setStock(sku, "5");
		HttpResponse<String> restocked = this.http.post("/restock", "{\"sku\":\"%s\",\"quantity\":3}".formatted(sku));
		HttpResponse<String> read = this.http.get("/stock/" + sku);

		assertThat(set.statusCode()).isEqualTo(200);
		assertThat(restocked.body()).contains("\"onHand\":8");
		assertThat(read.statusCode()).isEqualTo(200);
		assertThat(read.body()).isEqualTo("{\"sku\":\"%s\",\"onHand\":8,\"reserved\":0,\"available\":8}".formatted(sku));
		ConsumerRecord<String, String> snapshot = stock.await(
				record -> sku.equals(record.key()) && record.value().contains("\"onHand\":8"), WAIT);
		assertThat(header(snapshot, "ce_type")).isEqualTo("stock.changed");
	}

	@Test
	void refusesInvalidQuantitiesAndAnswersUnknownSkusWithNotFound() {
		String sku = uniqueSku("BAD");

		assertThat(setStock(sku, "-1").statusCode()).isEqualTo(400);
		assertThat(setStock(sku, "2.5").body()).contains("whole number");
		assertThat(setStock(sku, "\"ten\"").statusCode()).isEqualTo(400);
		assertThat(this.http.post("/restock", "{\"sku\":\"%s\",\"quantity\":0}".formatted(sku)).statusCode())
			.isEqualTo(400);
		assertThat(this.http.post("/setStock", "{\"quantity\":1}").body()).contains("sku is required");
		HttpResponse<String> unknown = this.http.get("/stock/" + sku);
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(unknown.headers().firstValue("Content-Type")).hasValue("application/problem+json");
	}

	@Test
	void letsAnyoneReadStockAndOnlyAdminsChangeIt() {
		String sku = uniqueSku("ACL");
		assertThat(setStock(sku, "5").statusCode()).isEqualTo(200);
		HttpFunctions customer = this.http.as(TestIssuer.get().customer("customer-1"));

		assertThat(customer.post("/setStock", "{\"sku\":\"%s\",\"quantity\":1000000000}".formatted(sku))
			.statusCode()).isEqualTo(403);
		assertThat(customer.post("/restock", "{\"sku\":\"%s\",\"quantity\":1}".formatted(sku)).statusCode())
			.isEqualTo(403);
		assertThat(this.http.anonymous().post("/restock", "{\"sku\":\"%s\",\"quantity\":1}".formatted(sku))
			.statusCode()).isEqualTo(401);
		assertThat(customer.get("/deadLetters/orders").statusCode()).isEqualTo(403);
		assertThat(this.http.anonymous().get("/stock/" + sku).body()).contains("\"onHand\":5");
	}

	@Test
	void keepsTheBrokerTriggeredFunctionOffHttp() {
		assertThat(this.http.post("/reserveStock", "{}").statusCode()).isEqualTo(404);
		assertThat(this.http.get("/stock").statusCode()).as("GET /stock without a sku").isEqualTo(400);
	}

	@Test
	void confirmsAnOrderWhoseEveryLineIsInStock() {
		String mug = uniqueSku("MUG");
		String pot = uniqueSku("POT");
		setStock(mug, "5");
		setStock(pot, "2");
		String orderId = orderId();

		place(orderId, mug, 2, pot, 2);

		ConsumerRecord<String, String> status = statusOf(orderId);
		assertThat(header(status, "ce_type")).isEqualTo("order.confirmed");
		assertThat(header(status, "ce_id")).isEqualTo("order.confirmed:" + orderId);
		assertThat(JsonPath.<List<String>>read(status.value(), "$.lines[*].sku")).containsExactly(mug, pot);
		assertThat(JsonPath.<String>read(status.value(), "$.email")).as("passed on from order.placed")
			.isEqualTo(InventoryFixtures.EMAIL);
		assertThat(stockOf(mug)).isEqualTo(new int[] { 5, 2, 3 });
		assertThat(stockOf(pot)).isEqualTo(new int[] { 2, 2, 0 });
		stock.await(record -> pot.equals(record.key()) && record.value().contains("\"reserved\":2"), WAIT);
	}

	@Test
	void rejectsAnOrderWithAShortLineAndHoldsNothing() {
		String mug = uniqueSku("MUG");
		String pot = uniqueSku("POT");
		setStock(mug, "5");
		setStock(pot, "1");
		String orderId = orderId();

		place(orderId, mug, 2, pot, 3);

		ConsumerRecord<String, String> status = statusOf(orderId);
		assertThat(header(status, "ce_type")).isEqualTo("order.rejected");
		assertThat(JsonPath.<String>read(status.value(), "$.reason")).isEqualTo("insufficient stock for " + pot);
		assertThat(JsonPath.<List<String>>read(status.value(), "$.shortLines[*].sku")).containsExactly(pot);
		assertThat(JsonPath.<Integer>read(status.value(), "$.shortLines[0].available")).isEqualTo(1);
		assertThat(stockOf(mug)).isEqualTo(new int[] { 5, 0, 5 });
		assertThat(stockOf(pot)).isEqualTo(new int[] { 1, 0, 1 });
	}

	@Test
	void rejectsAnOrderForAnUnknownSku() {
		String unknown = uniqueSku("GHOST");
		String orderId = orderId();

		place(orderId, unknown, 1);

		ConsumerRecord<String, String> status = statusOf(orderId);
		assertThat(header(status, "ce_type")).isEqualTo("order.rejected");
		assertThat(JsonPath.<String>read(status.value(), "$.reason")).isEqualTo("unknown sku: " + unknown);
		assertThat(JsonPath.<Boolean>read(status.value(), "$.shortLines[0].unknownSku")).isTrue();
	}

	@Test
	void reservesAndAnnouncesOnceWhenAnOrderIsDeliveredTwice() {
		String mug = uniqueSku("MUG");
		setStock(mug, "3");
		String orderId = orderId();

		place(orderId, mug, 2);
		statusOf(orderId);
		place(orderId, mug, 2);

		awaitEveryOrderHandled();
		List<ConsumerRecord<String, String>> outcomes = statuses.readFor(Duration.ofSeconds(1),
				record -> orderId.equals(record.key()));
		assertThat(outcomes).extracting(record -> header(record, "ce_id")).containsExactly("order.confirmed:" + orderId);
		assertThat(stockOf(mug)).isEqualTo(new int[] { 3, 2, 1 });
	}

	@Test
	void releasesWhatACancelledOrderHeldOnce() {
		String mug = uniqueSku("MUG");
		setStock(mug, "4");
		String orderId = orderId();
		place(orderId, mug, 3);
		statusOf(orderId);
		assertThat(stockOf(mug)).isEqualTo(new int[] { 4, 3, 1 });

		cancel(orderId);
		cancel(orderId);
		cancel(orderId());

		stock.await(record -> mug.equals(record.key()) && record.value().contains("\"reserved\":0"), WAIT);
		String marker = orderId();
		place(marker, mug, 1);
		statusOf(marker);
		assertThat(stockOf(mug)).as("released once, then 1 reserved by the marker order")
			.isEqualTo(new int[] { 4, 1, 3 });
	}

	@Test
	void deadLettersPoisonMessagesAndKeepsConsuming() throws Exception {
		String badJson = orderId();
		String unknownType = orderId();
		String invalidData = orderId();
		writer.send(Topics.ORDERS, badJson, EventWriter.headers("order.placed", "e-" + badJson, badJson),
				"{not json".getBytes(StandardCharsets.UTF_8));
		writer.send(Topics.ORDERS, unknownType, EventWriter.headers("order.shipped", "e-" + unknownType, unknownType),
				"{}".getBytes(StandardCharsets.UTF_8));
		writer.send(Topics.ORDERS, invalidData, EventWriter.headers("order.placed", "e-" + invalidData, invalidData),
				"{\"orderId\":\"%s\",\"customerId\":\"c\",\"lines\":[{\"sku\":\"A\",\"quantity\":0,\"unitPrice\":1}],\"total\":0,\"currency\":\"EUR\",\"placedAt\":\"2026-01-01T00:00:00Z\"}"
					.formatted(invalidData)
					.getBytes(StandardCharsets.UTF_8));
		String mug = uniqueSku("MUG");
		setStock(mug, "1");
		String good = orderId();
		place(good, mug, 1);

		for (String poison : List.of(badJson, unknownType, invalidData)) {
			ConsumerRecord<String, String> dead = deadLetters.await(record -> poison.equals(record.key()), WAIT);
			assertThat(header(dead, KafkaHeaders.DLT_EXCEPTION_MESSAGE)).isNotBlank();
			assertThat(header(dead, KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo(Topics.ORDERS);
		}
		assertThat(header(deadLetters.await(record -> unknownType.equals(record.key()), WAIT),
				KafkaHeaders.DLT_EXCEPTION_MESSAGE)).contains("order.shipped");
		assertThat(header(statusOf(good), "ce_type")).isEqualTo("order.confirmed");
		assertThat(this.http.get("/actuator/prometheus").body())
			.containsPattern("fnorders_dead_letters_total\\{[^}]*topic=\"orders\"[^}]*\\} [3-9]");
		assertEveryMetricOfTheAlertRulesExists();
	}

	@Test
	void reservesNothingAndAnswersNothingForAnOrderCancelledBeforeItCame() {
		String mug = uniqueSku("MUG");
		setStock(mug, "5");
		String orderId = orderId();

		cancel(orderId);
		place(orderId, mug, 2);

		awaitEveryOrderHandled();
		assertThat(statuses.readFor(Duration.ofSeconds(1), record -> orderId.equals(record.key()))).isEmpty();
		assertThat(stockOf(mug)).isEqualTo(new int[] { 5, 0, 5 });
	}

	@Test
	void rejectsAnOrderOfMoreSkusThanAnOrderMayHaveInsteadOfDeadLetteringIt() {
		String orderId = orderId();
		Object[] lines = IntStream.range(0, OrderPlaced.MAX_LINES + 1)
			.boxed()
			.flatMap(line -> Stream.of(uniqueSku("L" + line), 1))
			.toArray();

		place(orderId, lines);

		ConsumerRecord<String, String> status = statusOf(orderId);
		assertThat(header(status, "ce_type")).isEqualTo("order.rejected");
		assertThat(JsonPath.<String>read(status.value(), "$.reason"))
			.isEqualTo("an order may have at most 100 skus, this one has 101");
		assertThat(deadLetters.readFor(Duration.ofSeconds(1), record -> orderId.equals(record.key()))).isEmpty();
	}

	/**
	 * 5,000 unreadable records in front of good orders on every partition: each goes to the
	 * dead-letter topic on its first failure, so the good ones behind them are decided within
	 * seconds (with three attempts and back-off each, this took over half an hour).
	 */
	@Test
	void aFloodOfPoisonRecordsDelaysTheGoodOrdersBehindThemBySecondsNotMinutes() throws Exception {
		String flood = "flood-" + UUID.randomUUID().toString().substring(0, 8);
		for (int i = 0; i < 5_000; i++) {
			String key = flood + "-" + i;
			writer.sendAsync(Topics.ORDERS, key, EventWriter.headers("order.placed", "poison-" + key, key),
					"{not json".getBytes(StandardCharsets.UTF_8));
		}
		writer.flush();
		String mug = uniqueSku("MUG");
		setStock(mug, "1000");
		List<String> good = IntStream.range(0, 100).mapToObj(i -> orderId()).toList();
		long start = System.nanoTime();
		good.forEach(orderId -> place(orderId, mug, 1));

		statuses.awaitCount(record -> good.contains(record.key()), good.size(), Duration.ofSeconds(60));
		Duration decided = Duration.ofNanos(System.nanoTime() - start);

		log.info("100 good orders behind 5,000 poison records decided in {} ms", decided.toMillis());
		assertThat(decided).as("the good orders behind 5,000 poison records").isLessThan(Duration.ofSeconds(60));
		assertThat(deadLetters.awaitCount(record -> record.key() != null && record.key().startsWith(flood), 5_000,
				Duration.ofSeconds(60))).hasSize(5_000);
		assertThat(stockOf(mug)).isEqualTo(new int[] { 1000, 100, 900 });
	}

	/** Waits until inventory-fn has committed every record written to {@code orders} so far, batches too. */
	private static void awaitEveryOrderHandled() {
		ConsumerGroups.awaitCaughtUp("inventory-fn", Topics.ORDERS, WAIT);
	}

	/**
	 * The alert rules of the Swarm stack name metrics by hand, all of them ones inventory-fn serves
	 * (reservations, dead letters, consumer lag, HTTP): each must be in what it really exposes, so a
	 * rename cannot silently disable an alert. The launcher's LocalStackTests checks the dashboards'
	 * metrics across all four functions.
	 */
	private void assertEveryMetricOfTheAlertRulesExists() {
		Set<String> metrics = ObservedMetrics.ofAlertRules();

		assertThat(metrics).contains("fnorders_dead_letters_total", "fnorders_reservations_total",
				"spring_cloud_stream_binder_kafka_offset");
		assertThat(ObservedMetrics.missingFrom(metrics, this.http.get("/actuator/prometheus").body())).isEmpty();
	}

	@Test
	void neverOversellsWhenTwoHundredOrdersCompeteForTenUnits() throws Exception {
		String sku = uniqueSku("HOT");
		setStock(sku, "10");
		List<String> orderIds = IntStream.range(0, 200).mapToObj(i -> orderId()).toList();

		try (ExecutorService senders = Executors.newFixedThreadPool(8)) {
			for (String orderId : orderIds) {
				senders.submit(() -> place(orderId, sku, 1));
			}
		}

		List<ConsumerRecord<String, String>> outcomes = statuses.awaitCount(record -> orderIds.contains(record.key()),
				200, Duration.ofSeconds(90));
		Map<String, Long> byType = outcomes.stream()
			.collect(java.util.stream.Collectors.groupingBy(record -> header(record, "ce_type"),
					java.util.stream.Collectors.counting()));
		assertThat(byType).containsEntry("order.confirmed", 10L).containsEntry("order.rejected", 190L);
		assertThat(stockOf(sku)).isEqualTo(new int[] { 10, 10, 0 });
		assertThat(this.http.get("/actuator/prometheus").body())
			.contains("fnorders_reservations_total{application=\"inventory-fn\",outcome=\"confirmed\"}")
			.contains("spring_cloud_function_seconds_count{application=\"inventory-fn\",error=\"none\",spring_cloud_function_definition=\"reserveStocks\"}")
			.containsPattern("spring_cloud_stream_binder_kafka_offset\\{[^}]*group=\"inventory-fn\"[^}]*topic=\"orders\"");
	}

	private HttpResponse<String> setStock(String sku, String quantity) {
		return this.http.post("/setStock", "{\"sku\":\"%s\",\"quantity\":%s}".formatted(sku, quantity));
	}

	private int[] stockOf(String sku) {
		String body = this.http.get("/stock/" + sku).body();
		return new int[] { JsonPath.read(body, "$.onHand"), JsonPath.read(body, "$.reserved"),
				JsonPath.read(body, "$.available") };
	}

	private static void place(String orderId, Object... skuQuantityPairs) {
		writer.send(Topics.ORDERS, EventTypes.ORDER_PLACED, "placed-" + orderId, orderId,
				order(orderId, skuQuantityPairs));
	}

	private static void cancel(String orderId) {
		writer.send(Topics.ORDERS, EventTypes.ORDER_CANCELLED, "cancelled-" + orderId + "-" + System.nanoTime(),
				orderId, new OrderCancelled(orderId, "customer-1", "changed my mind", null));
	}

	private static ConsumerRecord<String, String> statusOf(String orderId) {
		return statuses.await(record -> orderId.equals(record.key()), WAIT);
	}

}
