package io.fnorders.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import io.fnorders.events.Topics;
import io.fnorders.testsupport.HttpFunctions;
import io.fnorders.testsupport.TestIssuer;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The whole system as {@code make run} starts it, on free ports: a broker (the transport of
 * {@link #binding()}), Redis, an SMTP server and the four function jars as their own processes.
 * The order story runs over the public HTTP API only, to its final state in every service; at
 * the end everything is stopped.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OrderStoryTests {

	static final Duration WAIT = Duration.ofSeconds(45);

	private final HttpClient http = HttpClient.newHttpClient();

	final Map<String, Integer> ports = new LinkedHashMap<>();

	/** Who placed each order the story placed. */
	private final Map<String, String> owners = new java.util.concurrent.ConcurrentHashMap<>();

	private LocalSettings settings;

	private LocalStack stack;

	@BeforeAll
	void startTheWholeSystem() throws Exception {
		this.settings = LauncherFixtures.settings(binding(), Map.of(), "-Xmx256m", "-XX:+UseSerialGC",
				"-XX:TieredStopAtLevel=1");
		this.ports.putAll(this.settings.functionPorts());
		this.stack = new LocalStack(this.settings, ProcessHandle.current().info().command().orElseThrow());
		this.stack.start();
	}

	/** The transport the functions use; the story is the same on each. */
	abstract String binding();

	@AfterAll
	void stopsEverythingItStarted() {
		this.stack.stop();

		assertThat(Waits.portOpen(this.settings.kafkaPort())).isFalse();
		assertThat(Waits.portOpen(this.settings.redisPort())).isFalse();
		assertThat(Waits.portOpen(this.settings.smtpPort())).isFalse();
		assertThat(Waits.portOpen(this.settings.rabbitPort())).isFalse();
		for (int port : this.ports.values()) {
			assertThat(Waits.portOpen(port)).isFalse();
		}
		assertThat(Waits.portOpen(this.settings.identityPort())).isFalse();
	}

	@Test
	void everyFunctionIsReadyAndTheCatalogPublishesItsEvents() throws Exception {
		everyFunctionIsReady();
		String sku = saveProduct("12.50");

		assertThat(readKeys(Topics.PRODUCTS)).contains(sku);
	}

	@Test
	void placesAndConfirmsAnOrderReservesItsStockAndEmailsTheCustomer() throws Exception {
		String mug = saveProduct("12.50");
		setStock(mug, 5);
		String customer = customer();
		assertThat(addItem(customer, mug, 2).statusCode()).isEqualTo(200);

		String orderId = checkout(customer, UUID.randomUUID().toString());

		awaitOrder(orderId, "CONFIRMED");
		assertThat(get(port("inventory-fn"), "/stock/" + mug).body()).contains("\"reserved\":2", "\"available\":3");
		awaitBody(port("product-fn"), "/product/" + mug, "\"availability\":{\"available\":3,\"inStock\":true}");
		assertThat(JsonPath.<List<?>>read(get(port("cart-fn"), "/cart/" + customer, TestIssuer.get().customer(customer))
			.body(), "$.lines")).isEmpty();
		awaitMails(customer, "We received your order " + orderId, "Your order " + orderId + " is confirmed");
		awaitBody(port("notification-fn"), "/notifications/" + customer, "\"type\":\"CONFIRMED\"", customer);
	}

	@Test
	void rejectsAnOrderThereIsNotEnoughStockFor() throws Exception {
		String pot = saveProduct("30");
		setStock(pot, 1);
		String customer = customer();
		addItem(customer, pot, 2);

		String orderId = checkout(customer, UUID.randomUUID().toString());

		awaitOrder(orderId, "REJECTED");
		assertThat(get(port("cart-fn"), "/order/" + orderId, TestIssuer.get().customer(customer)).body())
			.contains("insufficient stock for " + pot);
		assertThat(get(port("inventory-fn"), "/stock/" + pot).body()).contains("\"reserved\":0");
		awaitMails(customer, "We received your order " + orderId, "We could not fulfil your order " + orderId);
	}

	@Test
	void cancellingAnOrderReleasesItsStock() throws Exception {
		String mug = saveProduct("12.50");
		setStock(mug, 4);
		String customer = customer();
		addItem(customer, mug, 3);
		String orderId = checkout(customer, UUID.randomUUID().toString());
		awaitOrder(orderId, "CONFIRMED");

		HttpResponse<String> cancelled = post(port("cart-fn"), "/cancelOrder",
				"{\"orderId\":\"%s\",\"reason\":\"changed my mind\"}".formatted(orderId),
				TestIssuer.get().customer(customer));

		assertThat(JsonPath.<String>read(cancelled.body(), "$.status")).isEqualTo("CANCELLED");
		awaitBody(port("inventory-fn"), "/stock/" + mug, "\"reserved\":0");
		awaitMails(customer, "We received your order " + orderId, "Your order " + orderId + " is confirmed",
				"Your order " + orderId + " is cancelled");
	}

	@Test
	void aReplayedCheckoutPlacesOneOrderAndSendsOneEmail() throws Exception {
		String mug = saveProduct("12.50");
		setStock(mug, 10);
		String customer = customer();
		addItem(customer, mug, 1);
		String key = UUID.randomUUID().toString();

		String first = checkout(customer, key);
		String replayed = checkout(customer, key);

		assertThat(replayed).isEqualTo(first);
		awaitOrder(first, "CONFIRMED");
		assertThat(get(port("inventory-fn"), "/stock/" + mug).body()).contains("\"reserved\":1");
		awaitMails(customer, "We received your order " + first, "Your order " + first + " is confirmed");
		Awaitility.await()
			.during(Duration.ofSeconds(2))
			.atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(mailsTo(customer)).hasSize(2));
	}

	void everyFunctionIsReady() throws Exception {
		for (int port : this.ports.values()) {
			assertThat(get(port, "/actuator/health/readiness").statusCode()).isEqualTo(200);
			// what the image's HEALTHCHECK asks (functions/healthcheck.sh)
			assertThat(get(port, "/actuator/health/container").statusCode()).isEqualTo(200);
		}
	}

	LocalSettings settings() {
		return this.settings;
	}

	String saveProduct(String price) throws Exception {
		String sku = "SKU-" + UUID.randomUUID().toString().substring(0, 8);
		HttpResponse<String> saved = post(port("product-fn"), "/saveProduct",
				"{\"sku\":\"%s\",\"name\":\"Thing %s\",\"category\":\"kitchen\",\"price\":%s,\"currency\":\"EUR\"}"
					.formatted(sku, sku, price), TestIssuer.get().admin());
		assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
		return sku;
	}

	void setStock(String sku, int quantity) throws Exception {
		HttpResponse<String> set = post(port("inventory-fn"), "/setStock",
				"{\"sku\":\"%s\",\"quantity\":%d}".formatted(sku, quantity), TestIssuer.get().admin());
		assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
	}

	/** Adds to the cart once cart-fn knows the product: it learns of a save from {@code products}. */
	HttpResponse<String> addItem(String customer, String sku, int quantity) {
		return HttpFunctions.onceFound(() -> {
			try {
				return post(port("cart-fn"), "/addItem",
						"{\"customerId\":\"%s\",\"sku\":\"%s\",\"quantity\":%d}".formatted(customer, sku, quantity),
						TestIssuer.get().customer(customer));
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}, Duration.ofSeconds(30));
	}

	String checkout(String customer, String key) throws Exception {
		HttpResponse<String> order = this.http.send(HttpRequest.newBuilder(url(port("cart-fn"), "/checkout"))
			.header("Content-Type", "application/json")
			.header("Idempotency-Key", key)
			.header("Authorization", "Bearer " + TestIssuer.get().customer(customer))
			.POST(BodyPublishers.ofString("{\"customerId\":\"%s\"}".formatted(customer)))
			.build(), BodyHandlers.ofString());
		assertThat(order.statusCode()).as(order.body()).isEqualTo(200);
		String orderId = JsonPath.read(order.body(), "$.orderId");
		this.owners.put(orderId, customer);
		return orderId;
	}

	void awaitOrder(String orderId, String status) {
		awaitBody(port("cart-fn"), "/order/" + orderId, "\"status\":\"" + status + "\"", this.owners.get(orderId));
	}

	/** Polls a public resource until it shows {@code expected}. */
	private void awaitBody(int port, String path, String expected) {
		Awaitility.await()
			.atMost(WAIT)
			.pollInterval(Duration.ofMillis(200))
			.untilAsserted(() -> assertThat(get(port, path).body()).contains(expected));
	}

	/** Polls a customer's resource until it shows {@code expected}. */
	void awaitBody(int port, String path, String expected, String customer) {
		String token = TestIssuer.get().customer(customer);
		Awaitility.await()
			.atMost(WAIT)
			.pollInterval(Duration.ofMillis(200))
			.untilAsserted(() -> assertThat(get(port, path, token).body()).contains(expected));
	}

	void awaitMails(String customer, String... subjects) {
		Awaitility.await()
			.atMost(WAIT)
			.untilAsserted(() -> assertThat(mailsTo(customer)).containsExactlyInAnyOrder(subjects));
	}

	private List<String> mailsTo(String customer) {
		return Arrays.stream(this.stack.mailbox()).filter(mail -> to(mail).startsWith(customer + "@")).map(mail -> {
			try {
				return mail.getSubject();
			}
			catch (MessagingException ex) {
				throw new IllegalStateException(ex);
			}
		}).toList();
	}

	private static String to(MimeMessage mail) {
		try {
			return mail.getAllRecipients()[0].toString();
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private List<String> readKeys(String topic) {
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
				KafkaOperator.client(this.settings, Map.of(ConsumerConfig.GROUP_ID_CONFIG, "local-stack-test",
						ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")),
				new StringDeserializer(), new StringDeserializer())) {
			consumer.subscribe(List.of(topic));
			List<String> keys = new ArrayList<>();
			long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
			while (keys.isEmpty() && System.nanoTime() < deadline) {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
					keys.add(record.key());
				}
			}
			return keys;
		}
	}

	int port(String function) {
		return this.ports.get(function);
	}

	LocalStack stack() {
		return this.stack;
	}

	static String customer() {
		return "customer-" + UUID.randomUUID().toString().substring(0, 8);
	}

	private static URI url(int port, String path) {
		return URI.create("http://localhost:" + port + path);
	}

	HttpResponse<String> get(int port, String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(url(port, path)).build(), BodyHandlers.ofString());
	}

	/** A GET with this access token. */
	HttpResponse<String> get(int port, String path, String token) throws Exception {
		return this.http.send(HttpRequest.newBuilder(url(port, path)).header("Authorization", "Bearer " + token).build(),
				BodyHandlers.ofString());
	}

	private HttpResponse<String> post(int port, String path, String json, String token) throws Exception {
		return this.http.send(HttpRequest.newBuilder(url(port, path))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + token)
			.POST(BodyPublishers.ofString(json))
			.build(), BodyHandlers.ofString());
	}

}
