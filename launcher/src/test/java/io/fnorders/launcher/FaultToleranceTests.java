package io.fnorders.launcher;

import static io.fnorders.testsupport.TopicReader.header;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.jayway.jsonpath.JsonPath;
import io.fnorders.events.Topics;
import io.fnorders.testsupport.HttpFunctions;
import io.fnorders.testsupport.TestIssuer;
import io.fnorders.testsupport.TopicReader;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole system as {@code make run} starts it, with two cart-fn instances, through the faults
 * an operator meets: Kafka stopped while customers check out, a cart-fn instance killed with
 * SIGKILL in the middle of a burst of checkouts, Redis stopped for 30 s in the middle of 2,000
 * orders, the SMTP server stopped for 60 s in the middle of a burst, and Redis full. After each,
 * every order has exactly one outcome, every e-mail went out once, nothing was oversold, and no
 * dead-letter topic holds anything: no record was bad, so none may be there.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultToleranceTests {

	private static final Logger log = LoggerFactory.getLogger(FaultToleranceTests.class);

	private static final Duration WAIT = Duration.ofMinutes(4);

	private LocalSettings settings;

	private LocalStack stack;

	/** Who placed each order the tests placed. */
	private final Map<String, String> owners = new java.util.concurrent.ConcurrentHashMap<>();

	@BeforeAll
	void startTheWholeSystemWithTwoCartInstances() {
		this.settings = LauncherFixtures.settings(Map.of("cart-fn", 2), "-Xmx256m", "-XX:+UseSerialGC",
				"-XX:TieredStopAtLevel=1");
		this.stack = new LocalStack(this.settings, ProcessHandle.current().info().command().orElseThrow());
		this.stack.start();
	}

	@AfterAll
	void stopEverything() {
		this.stack.stop();
	}

	@AfterEach
	void noRecordWasDeadLettered() {
		for (String topic : Topics.ALL) {
			assertThat(TopicReader.recordsIn(KafkaOperator.client(this.settings), Topics.deadLetter(topic)))
				.as("records in %s", Topics.deadLetter(topic))
				.isZero();
		}
	}

	@Test
	@Order(1)
	void checkoutsWhileKafkaIsDownArePlacedAndAnnouncedOnceEachWhenItIsBack() {
		String sku = productInStock(1000);
		List<String> customers = customers("kafka", 50);
		customers.forEach(customer -> addItem(cart(customers.indexOf(customer)), customer, sku));

		this.stack.stopKafka();
		List<String> orders = new ArrayList<>();
		for (int i = 0; i < customers.size(); i++) {
			HttpResponse<String> checkout = checkout(cart(i), customers.get(i), "key-" + customers.get(i));
			assertThat(checkout.statusCode()).as(checkout.body()).isEqualTo(200);
			assertThat(JsonPath.<String>read(checkout.body(), "$.status")).isEqualTo("PLACED");
			orders.add(JsonPath.read(checkout.body(), "$.orderId"));
		}
		Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
			.untilAsserted(() -> assertThat(metric("cart-fn", "fnorders_outbox_depth")).as("cart-fn's outbox depth")
				.isEqualTo(orders.size()));
		double oldestAge = metric("cart-fn", "fnorders_outbox_oldest_age_seconds");
		long kafkaBack = System.nanoTime();
		this.stack.startKafka();

		awaitEveryOrder(orders, "CONFIRMED");
		log.info("{} checkouts placed while Kafka was down (outbox depth {}, oldest entry {} s old) were confirmed {} ms "
				+ "after it started again", orders.size(), orders.size(), oldestAge,
				(System.nanoTime() - kafkaBack) / 1_000_000);
		Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
			.untilAsserted(() -> assertThat(metric("cart-fn", "fnorders_outbox_depth")).as("cart-fn's outbox depth")
				.isZero());
		try (TopicReader topic = TopicReader.of(KafkaOperator.client(this.settings), Topics.ORDERS)) {
			List<ConsumerRecord<String, String>> placed = topic.readFor(Duration.ofSeconds(3),
					record -> orders.contains(record.key()) && "order.placed".equals(header(record, "ce_type")));
			assertThat(placed.stream().collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.counting())))
				.as("one order.placed record per order")
				.hasSize(orders.size())
				.allSatisfy((order, records) -> assertThat(records).isOne());
		}
		customers.forEach(customer -> assertThat(cartLines(cart(0), customer)).isZero());
	}

	@Test
	@Order(2)
	void everyAcceptedCheckoutIsAnnouncedWhenACartInstanceIsKilledInTheMiddleOfABurst() throws Exception {
		String sku = productInStock(100_000);
		List<String> customers = customers("killed", 200);
		LocalStack.Instance victim = this.stack.instancesOf("cart-fn").get(1);
		Map<String, String> accepted = new ConcurrentHashMap<>();
		AtomicInteger done = new AtomicInteger();
		CompletableFuture<Void> kill = new CompletableFuture<>();
		try (ExecutorService customersAtOnce = Executors.newFixedThreadPool(8)) {
			for (int i = 0; i < customers.size(); i++) {
				int index = i;
				customersAtOnce.submit(() -> {
					String customer = customers.get(index);
					accepted.put(customer, shopUntilAccepted(index, customer, sku));
					if (done.incrementAndGet() == customers.size() / 3) {
						this.stack.kill(victim);
						kill.complete(null);
					}
				});
			}
		}
		kill.get();

		assertThat(accepted).hasSize(customers.size());
		List<String> orders = List.copyOf(accepted.values());
		awaitEveryOrder(orders, "CONFIRMED");
		try (TopicReader topic = TopicReader.of(KafkaOperator.client(this.settings), Topics.ORDERS)) {
			List<ConsumerRecord<String, String>> placed = topic.readFor(Duration.ofSeconds(3),
					record -> orders.contains(record.key()) && "order.placed".equals(header(record, "ce_type")));
			Map<String, Set<String>> idsByOrder = placed.stream()
				.collect(Collectors.groupingBy(ConsumerRecord::key,
						Collectors.mapping(record -> header(record, "ce_id"), Collectors.toSet())));
			assertThat(idsByOrder).as("every accepted order announced, as one event").hasSize(orders.size())
				.allSatisfy((order, ids) -> assertThat(ids).containsExactly("order.placed:" + order));
			log.info("{} orders accepted around a SIGKILL of a cart-fn instance: {} order.placed records, {} of them "
					+ "repeats of an event the killed relay had published but not yet deleted", orders.size(),
					placed.size(), placed.size() - orders.size());
		}
		customers.forEach(customer -> assertThat(cartLines(cart(0), customer)).as("no cart keeps ordered lines").isZero());
	}

	@Test
	@Order(3)
	void twoThousandOrdersWaitOutAThirtySecondRedisOutageAndEachIsDecidedAndEmailedOnce() throws Exception {
		List<String> skus = IntStream.range(0, 8).mapToObj(i -> productInStock(150)).toList();
		Map<String, String> customerOf = placeOrders("redis", 2000, skus, Duration.ofSeconds(20), Duration.ofSeconds(4),
				() -> {
					this.stack.stopRedis();
					pause(Duration.ofSeconds(30));
					this.stack.startRedis();
				});

		long redisBack = System.nanoTime();
		Map<String, String> outcomes = awaitOutcomes(customerOf.keySet());
		long decided = System.nanoTime();
		assertThat(outcomes.values().stream().filter("order.confirmed"::equals).count()).isEqualTo(8 * 150);
		for (String sku : skus) {
			assertThat(JsonPath.<Integer>read(inventory().get("/stock/" + sku).body(), "$.available")).isZero();
		}
		awaitTwoEmailsEach(customerOf, outcomes, false);
		log.info("2,000 orders around a 30 s Redis outage: all decided {} ms and all 4,000 e-mails sent {} ms after "
				+ "Redis was back; attempts that waited: inventory-fn {}, notification-fn {}",
				(decided - redisBack) / 1_000_000, (System.nanoTime() - redisBack) / 1_000_000, retriesOf("inventory-fn"),
				retriesOf("notification-fn"));
		assertThat(retriesOf("inventory-fn")).as("inventory waited").isPositive();
		assertThat(retriesOf("notification-fn")).as("notification waited").isPositive();
	}

	@Test
	@Order(4)
	void emailsWaitOutASixtySecondSmtpOutageAndEachGoesOutOnce() throws Exception {
		List<String> skus = List.of(productInStock(1000));
		double failedBefore = retriesOf("notification-fn");
		Map<String, String> customerOf = placeOrders("smtp", 300, skus, Duration.ofSeconds(10), Duration.ofSeconds(2),
				() -> {
					this.stack.stopMail();
					Awaitility.await().atMost(Duration.ofSeconds(30))
						.until(() -> port("notification-fn").get("/actuator/health/readiness").statusCode() == 503);
					pause(Duration.ofSeconds(60));
					this.stack.startMail();
				});

		long mailBack = System.nanoTime();
		Map<String, String> outcomes = awaitOutcomes(customerOf.keySet());
		// A send the outage broke after the server had taken the message is retried (never dropped):
		// the server may then hold a second copy of that one message, with the same Message-ID.
		int copies = awaitTwoEmailsEach(customerOf, outcomes, true);
		// a copy can only follow a send that failed: never more copies than attempts that failed meanwhile
		assertThat((double) copies).isLessThanOrEqualTo(retriesOf("notification-fn") - failedBefore);
		log.info("300 orders around a 60 s SMTP outage: all 600 e-mails sent, each one message, {} ms after the server "
				+ "was back; {} second copies of a message a broken send had handed over",
				(System.nanoTime() - mailBack) / 1_000_000, copies);
		assertThat(port("notification-fn").get("/actuator/health/readiness").statusCode()).isEqualTo(200);
	}

	@Test
	@Order(5)
	void aFullRedisAnswersServiceUnavailableAndConsumersWaitUntilThereIsRoom() throws Exception {
		String sku = productInStock(100);
		RedisClient client = RedisClient.create(this.stack.redisOperatorUri());
		try (StatefulRedisConnection<String, String> redis = client.connect()) {
			redis.sync().configSet("maxmemory", "1mb");
			try {
				HttpResponse<String> add = addItemAnswer(cart(0), "full-" + UUID.randomUUID(), sku);
				assertThat(add.statusCode()).as(add.body()).isEqualTo(503);
				assertThat(add.headers().firstValue("Retry-After")).isPresent();
				assertThat(add.headers().firstValue("Content-Type")).hasValue("application/problem+json");
				assertThat(inventory().post("/setStock", "{\"sku\":\"%s\",\"quantity\":5}".formatted(sku)).statusCode())
					.isEqualTo(503);
				double waitedBefore = retriesOf("inventory-fn");
				List<String> orders = IntStream.range(0, 20).mapToObj(i -> "full-" + UUID.randomUUID()).toList();
				try (KafkaProducer<String, String> producer = producer()) {
					orders.forEach(order -> producer.send(LauncherFixtures.orderPlaced(order, "full-customer", sku)));
				}
				Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> retriesOf("inventory-fn") > waitedBefore);
				assertThat(inventory().get("/actuator/health/readiness").statusCode()).isEqualTo(503);

				redis.sync().configSet("maxmemory", "0");
				assertThat(awaitOutcomes(Set.copyOf(orders)).values()).containsOnly("order.confirmed");
			}
			finally {
				redis.sync().configSet("maxmemory", "0");
			}
		}
		finally {
			client.shutdown();
		}
	}

	/**
	 * Writes {@code count} one-line orders of new customers to {@code orders}, spread over the skus
	 * and over {@code duration}; {@code after} into it, runs {@code fault} (which returns when the
	 * fault is over). Returns the customer of each order.
	 */
	private Map<String, String> placeOrders(String stem, int count, List<String> skus, Duration duration,
			Duration after, Runnable fault) throws Exception {
		Map<String, String> customerOf = new HashMap<>();
		CompletableFuture<Void> faulted;
		try (KafkaProducer<String, String> producer = producer()) {
			long start = System.nanoTime();
			faulted = CompletableFuture.runAsync(() -> {
				pause(after);
				fault.run();
			});
			for (int i = 0; i < count; i++) {
				String order = stem + "-order-" + UUID.randomUUID();
				String customer = stem + "-customer-" + UUID.randomUUID().toString().substring(0, 13);
				customerOf.put(order, customer);
				producer.send(LauncherFixtures.orderPlaced(order, customer, skus.get(i % skus.size())));
				long due = start + duration.toNanos() * (i + 1) / count;
				pause(Duration.ofNanos(Math.max(0, due - System.nanoTime())));
			}
		}
		faulted.get();
		return customerOf;
	}

	/** The one outcome type of each order on {@code order-status}, once every order has one. */
	private Map<String, String> awaitOutcomes(Set<String> orders) {
		try (TopicReader topic = TopicReader.of(KafkaOperator.client(this.settings), Topics.ORDER_STATUS)) {
			Map<String, Set<String>> types = new HashMap<>();
			Awaitility.await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).until(() -> {
				types.clear();
				for (ConsumerRecord<String, String> record : topic.seen()) {
					if (orders.contains(record.key())) {
						types.computeIfAbsent(record.key(), key -> new HashSet<>()).add(header(record, "ce_type"));
					}
				}
				return types.size() == orders.size();
			});
			assertThat(types).as("exactly one outcome per order").allSatisfy((order, outcome) -> assertThat(outcome).hasSize(1));
			Map<String, String> outcomes = new HashMap<>();
			types.forEach((order, outcome) -> outcomes.put(order, outcome.iterator().next()));
			return outcomes;
		}
	}

	/**
	 * Every customer gets the e-mail of the placed order and of its outcome, each exactly once: as
	 * deliveries, or, with {@code copiesOfOneMessage}, as messages (a repeated delivery must be the
	 * same message, with the same Message-ID and subject, and is counted).
	 * @return how many deliveries repeated a message
	 */
	private int awaitTwoEmailsEach(Map<String, String> customerOf, Map<String, String> outcomes,
			boolean copiesOfOneMessage) {
		Map<String, List<String>> expected = new HashMap<>();
		customerOf.forEach((order, customer) -> expected.put(customer, List.of("We received your order " + order,
				"order.confirmed".equals(outcomes.get(order)) ? "Your order " + order + " is confirmed"
						: "We could not fulfil your order " + order)));
		Awaitility.await().atMost(WAIT).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
			Map<String, List<Delivery>> received = deliveriesByCustomer(expected.keySet());
			assertThat(received.values().stream().mapToInt(List::size).sum()).isGreaterThanOrEqualTo(2 * expected.size());
		});
		int[] copies = new int[1];
		Awaitility.await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			Map<String, List<Delivery>> received = deliveriesByCustomer(expected.keySet());
			assertThat(received).hasSize(expected.size());
			copies[0] = 0;
			received.forEach((customer, deliveries) -> {
				List<Delivery> messages = deliveries;
				if (copiesOfOneMessage) {
					Map<String, Delivery> byId = new HashMap<>();
					for (Delivery delivery : deliveries) {
						Delivery first = byId.putIfAbsent(delivery.messageId(), delivery);
						if (first != null) {
							assertThat(delivery.subject()).as(customer + ": a copy of " + delivery.messageId())
								.isEqualTo(first.subject());
							copies[0]++;
						}
					}
					messages = List.copyOf(byId.values());
				}
				assertThat(messages).as(customer).extracting(Delivery::subject)
					.containsExactlyInAnyOrderElementsOf(expected.get(customer));
			});
		});
		return copies[0];
	}

	/** One e-mail as the server holds it. */
	private record Delivery(String messageId, String subject) {
	}

	private Map<String, List<Delivery>> deliveriesByCustomer(Set<String> customers) {
		Map<String, List<Delivery>> deliveries = new HashMap<>();
		for (MimeMessage mail : this.stack.mailbox()) {
			try {
				String to = mail.getAllRecipients()[0].toString();
				String customer = to.substring(0, to.indexOf('@'));
				if (customers.contains(customer)) {
					deliveries.computeIfAbsent(customer, key -> new ArrayList<>())
						.add(new Delivery(String.valueOf(mail.getMessageID()), mail.getSubject()));
				}
			}
			catch (MessagingException ex) {
				throw new IllegalStateException(ex);
			}
		}
		return deliveries;
	}

	/**
	 * Adds a line and checks out, the way a patient customer does: a request that got no answer
	 * (its instance died) is sent again to the other instance, the checkout with its same key.
	 * @return the orderId
	 */
	private String shopUntilAccepted(int index, String customer, String sku) {
		String key = "key-" + customer;
		boolean added = false;
		for (int attempt = 0; attempt < 20; attempt++) {
			HttpFunctions cart = cart((index + attempt) % 2);
			try {
				if (!added) {
					added = addItemAnswer(cart, customer, sku).statusCode() == 200;
				}
				if (added) {
					HttpResponse<String> checkout = checkout(cart, customer, key);
					if (checkout.statusCode() == 200) {
						return JsonPath.read(checkout.body(), "$.orderId");
					}
				}
			}
			catch (UncheckedIOException ex) {
				// the instance is gone: the next attempt goes to the other one
			}
			pause(Duration.ofMillis(200));
		}
		throw new AssertionError("no checkout of " + customer + " was accepted");
	}

	private void awaitEveryOrder(List<String> orders, String status) {
		Awaitility.await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
			List<String> other = orders.stream()
				.filter(order -> !status.equals(JsonPath.read(as(cart(0), this.owners.get(order)).get("/order/" + order).body(),
						"$.status")))
				.toList();
			assertThat(other).as("orders not yet " + status).isEmpty();
		});
	}

	/** A new product with this many units in stock, known to cart-fn. */
	private String productInStock(int units) {
		String sku = "FAULT-" + UUID.randomUUID().toString().substring(0, 8);
		HttpResponse<String> saved = port("product-fn").post("/saveProduct",
				"{\"sku\":\"%s\",\"name\":\"Thing\",\"category\":\"kitchen\",\"price\":2.50,\"currency\":\"EUR\"}"
					.formatted(sku));
		assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
		assertThat(inventory().post("/setStock", "{\"sku\":\"%s\",\"quantity\":%d}".formatted(sku, units)).statusCode())
			.isEqualTo(200);
		// cart-fn learns of the save from products: a cart of its own shows when it has
		HttpResponse<String> known = HttpFunctions.onceFound(() -> addItemAnswer(cart(0), "probe-" + sku, sku),
				Duration.ofSeconds(30));
		assertThat(known.statusCode()).as(known.body()).isEqualTo(200);
		return sku;
	}

	private void addItem(HttpFunctions cart, String customer, String sku) {
		HttpResponse<String> added = addItemAnswer(cart, customer, sku);
		assertThat(added.statusCode()).as(added.body()).isEqualTo(200);
	}

	private static HttpResponse<String> addItemAnswer(HttpFunctions cart, String customer, String sku) {
		return as(cart, customer).post("/addItem", "{\"customerId\":\"%s\",\"sku\":\"%s\",\"quantity\":1}".formatted(customer, sku));
	}

	private HttpResponse<String> checkout(HttpFunctions cart, String customer, String key) {
		HttpFunctions signedIn = as(cart, customer);
		HttpResponse<String> answer = signedIn.send(signedIn.request("/checkout")
			.header("Content-Type", "application/json")
			.header("Idempotency-Key", key)
			.POST(BodyPublishers.ofString("{\"customerId\":\"%s\"}".formatted(customer)))
			.build());
		if (answer.statusCode() == 200) {
			this.owners.put(JsonPath.read(answer.body(), "$.orderId"), customer);
		}
		return answer;
	}

	private static int cartLines(HttpFunctions cart, String customer) {
		return JsonPath.<List<?>>read(as(cart, customer).get("/cart/" + customer).body(), "$.lines").size();
	}

	/** The client signed in as the customer (a token of the stand-in issuer the functions trust here). */
	private static HttpFunctions as(HttpFunctions client, String customer) {
		return client.as(TestIssuer.get().customer(customer));
	}

	/** How many attempts the service's consumers made at records while a dependency was out. */
	private double retriesOf(String function) {
		return metric(function, "fnorders_consumer_retries_total");
	}

	/** A metric of the service's first instance, summed over its tags. */
	private double metric(String function, String name) {
		return LauncherFixtures.metric(port(function), name, line -> true);
	}

	private HttpFunctions cart(int index) {
		List<LocalStack.Instance> carts = this.stack.instancesOf("cart-fn");
		return HttpFunctions.onPort(carts.get(index % carts.size()).port());
	}

	private HttpFunctions inventory() {
		return port("inventory-fn");
	}

	/** The service's first instance, called by an admin. */
	private HttpFunctions port(String function) {
		return HttpFunctions.onPort(this.settings.portOf(function, 0)).as(TestIssuer.get().admin());
	}

	private List<String> customers(String stem, int count) {
		return IntStream.range(0, count).mapToObj(i -> stem + "-" + i + "-" + UUID.randomUUID().toString().substring(0, 8))
			.toList();
	}

	private KafkaProducer<String, String> producer() {
		return new KafkaProducer<>(KafkaOperator.client(this.settings, Map.of(ProducerConfig.ACKS_CONFIG, "all")),
				new StringSerializer(), new StringSerializer());
	}

	/** Holds a fault for its stated time, or paces the load; it never waits for a condition. */
	private static void pause(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
