package io.fnorders.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import com.jayway.jsonpath.JsonPath;
import io.fnorders.events.Topics;
import io.fnorders.testsupport.TestIssuer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * inventory-fn scaled out: two real instances share one consumer group on one broker and Redis.
 * While thousands of orders arrive, one instance is stopped and another started; every order
 * still gets exactly one outcome, none is lost, and no stock is oversold.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InventoryScalingTests {

	private static final String INVENTORY = "inventory-fn";

	private static final int ORDERS = 3000;

	private static final int UNITS_PER_SKU = 400;

	private final HttpClient http = HttpClient.newHttpClient();

	private LocalSettings settings;

	private LocalStack stack;

	@BeforeAll
	void startTwoInventoryInstances() {
		this.settings = LauncherFixtures.settings(Map.of("product-fn", 0, INVENTORY, 2, "cart-fn", 0, "notification-fn", 0),
				"-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
		this.stack = new LocalStack(this.settings, ProcessHandle.current().info().command().orElseThrow());
		this.stack.start();
	}

	@AfterAll
	void stopEverything() {
		this.stack.stop();
	}

	@Test
	void everyOrderGetsExactlyOneOutcomeWhileInstancesComeAndGo() throws Exception {
		List<String> skus = List.of(sku(), sku(), sku(), sku());
		for (String sku : skus) {
			post(this.settings.portOf(INVENTORY, 0), "/setStock",
					"{\"sku\":\"%s\",\"quantity\":%d}".formatted(sku, UNITS_PER_SKU));
		}
		List<String> orderIds = new ArrayList<>();
		CompletableFuture<Void> churn = null;
		try (KafkaProducer<String, String> producer = producer()) {
			for (int i = 0; i < ORDERS; i++) {
				String orderId = "scale-" + UUID.randomUUID();
				orderIds.add(orderId);
				producer.send(LauncherFixtures.orderPlaced(orderId, skus.get(i % skus.size())));
				if (i == ORDERS / 3) {
					producer.flush();
					LocalStack.Instance first = this.stack.instancesOf(INVENTORY).get(0);
					churn = CompletableFuture.runAsync(() -> {
						this.stack.stopInstance(first);
						this.stack.startInstance(INVENTORY);
					});
				}
			}
			producer.flush();
		}
		churn.get();

		Map<String, Set<String>> outcomes = readOutcomes(new HashSet<>(orderIds), Duration.ofMinutes(4));

		assertThat(outcomes).as("every order has an outcome").hasSize(ORDERS);
		assertThat(outcomes.values()).as("exactly one outcome per order").allSatisfy(types -> assertThat(types).hasSize(1));
		long confirmed = outcomes.values().stream().filter(types -> types.contains("order.confirmed")).count();
		assertThat(confirmed).as("every unit sold once, none oversold").isEqualTo((long) UNITS_PER_SKU * skus.size());
		int port = this.stack.instancesOf(INVENTORY).get(0).port();
		for (String sku : skus) {
			String stock = get(port, "/stock/" + sku);
			assertThat(JsonPath.<Integer>read(stock, "$.reserved")).isEqualTo(UNITS_PER_SKU);
			assertThat(JsonPath.<Integer>read(stock, "$.available")).isZero();
		}
		assertThat(this.stack.instancesOf(INVENTORY)).hasSize(2);
	}

	/** The distinct outcome types per order, read from order-status until every order has one. */
	private Map<String, Set<String>> readOutcomes(Set<String> orderIds, Duration timeout) {
		Map<String, Set<String>> outcomes = new HashMap<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
				KafkaOperator.client(this.settings, Map.of(ConsumerConfig.GROUP_ID_CONFIG,
						"scaling-test-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")),
				new StringDeserializer(), new StringDeserializer())) {
			consumer.subscribe(List.of(Topics.ORDER_STATUS));
			long deadline = System.nanoTime() + timeout.toNanos();
			while (outcomes.size() < orderIds.size() && System.nanoTime() < deadline) {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
					if (orderIds.contains(record.key())) {
						outcomes.computeIfAbsent(record.key(), key -> new HashSet<>())
							.add(new String(record.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8));
					}
				}
			}
		}
		return outcomes;
	}

	private KafkaProducer<String, String> producer() {
		return new KafkaProducer<>(KafkaOperator.client(this.settings, Map.of(ProducerConfig.ACKS_CONFIG, "all")),
				new StringSerializer(), new StringSerializer());
	}


	private static String sku() {
		return "SCALE-" + UUID.randomUUID().toString().substring(0, 8);
	}

	private String get(int port, String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("Authorization", "Bearer " + TestIssuer.get().admin())
			.build(), BodyHandlers.ofString()).body();
	}

	private void post(int port, String path, String json) throws Exception {
		int status = this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + TestIssuer.get().admin())
			.POST(BodyPublishers.ofString(json))
			.build(), BodyHandlers.discarding()).statusCode();
		assertThat(status).isEqualTo(200);
	}


}
