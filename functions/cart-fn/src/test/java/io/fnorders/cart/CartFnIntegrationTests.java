package io.fnorders.cart;

import static io.fnorders.testsupport.TopicReader.header;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.jayway.jsonpath.JsonPath;
import io.fnorders.cart.shopping.Cart;
import io.fnorders.events.EventTypes;
import io.fnorders.events.OrderConfirmed;
import io.fnorders.events.OrderRejected;
import io.fnorders.events.ReservedLine;
import io.fnorders.events.ShortLine;
import io.fnorders.events.Topics;
import io.fnorders.testsupport.ConsumerGroups;
import io.fnorders.testsupport.EventWriter;
import io.fnorders.testsupport.HttpFunctions;
import io.fnorders.testsupport.RealBrokers;
import io.fnorders.testsupport.TestIssuer;
import io.fnorders.testsupport.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * cart-fn against a real Kafka broker and a real Redis server: the catalog it keeps from
 * {@code products}, carts, idempotent checkout publishing {@code order.placed}, status from
 * {@code order-status}, cancel, and the orders counted once each.
 */
@RealBrokers
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "fnorders.cart.key-prefix=cart-it")
class CartFnIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	@LocalServerPort
	int port;

	HttpFunctions http;

	String customer;

	/**
	 * The products the tests buy, on {@code products} before cart-fn starts: its view of the
	 * catalog is built from the topic's start. LINE-0 to LINE-100 are one more than a cart holds.
	 */
	@BeforeAll
	static void saveProducts() {
		try (EventWriter writer = EventWriter.create()) {
			ProductEvents.saved(writer, "MUG", "Blue mug", "12.50", "EUR");
			ProductEvents.saved(writer, "POT", "Teapot", "30", "EUR");
			ProductEvents.saved(writer, "DOLLAR", "Import", "5", "USD");
			for (int line = 0; line <= Cart.MAX_LINES; line++) {
				ProductEvents.saved(writer, "LINE-" + line, "Line " + line, "1", "EUR");
			}
			writer.flush();
		}
	}

	@BeforeEach
	void catalogKept() {
		ConsumerGroups.awaitCaughtUp("cart-fn", Topics.PRODUCTS, WAIT);
	}

	@BeforeEach
	void client() {
		this.customer = "customer-" + UUID.randomUUID().toString().substring(0, 8);
		this.http = HttpFunctions.onPort(this.port).as(TestIssuer.get().customer(this.customer));
	}

	@Test
	void addsLinesAtTheCatalogsPriceAndTotalsTheCart() {
		add("MUG", 2);
		HttpResponse<String> cart = add("POT", 1);
		add("MUG", 1);

		assertThat(cart.statusCode()).isEqualTo(200);
		String body = this.http.get("/cart/" + this.customer).body();
		assertThat(JsonPath.<List<String>>read(body, "$.lines[*].sku")).containsExactly("MUG", "POT");
		assertThat(JsonPath.<Integer>read(body, "$.lines[0].quantity")).isEqualTo(3);
		assertThat(body).contains("\"lineTotal\":37.50", "\"total\":67.50", "\"currency\":\"EUR\"",
				"\"name\":\"Blue mug\"");
	}

	@Test
	void addsAtThePriceOfTheProductsLatestSaveWithoutAskingProductFn() {
		String sku = "NEW-" + UUID.randomUUID().toString().substring(0, 8);
		assertThat(add(sku, 1).statusCode()).as("not in the catalog yet").isEqualTo(404);
		try (EventWriter writer = EventWriter.create()) {
			ProductEvents.saved(writer, sku, "Old name", "10", "EUR");
			ProductEvents.saved(writer, sku, "New name", "11.25", "EUR");
			writer.flush();
		}
		ConsumerGroups.awaitCaughtUp("cart-fn", Topics.PRODUCTS, WAIT);

		HttpResponse<String> cart = add(sku, 2);

		assertThat(cart.statusCode()).as(cart.body()).isEqualTo(200);
		assertThat(cart.body()).contains("\"name\":\"New name\"", "\"lineTotal\":22.50");
	}

	@Test
	void deadLettersAProductEventItCannotReadAndKeepsTheOnesAfterIt() {
		String bad = "BAD-" + UUID.randomUUID().toString().substring(0, 8);
		String good = "GOOD-" + UUID.randomUUID().toString().substring(0, 8);
		try (EventWriter writer = EventWriter.create();
				TopicReader deadLetters = TopicReader.of(Topics.deadLetter(Topics.PRODUCTS))) {
			writer.send(Topics.PRODUCTS, bad, EventWriter.headers("product.upserted", "e-" + bad, bad),
					"{\"sku\":".getBytes(StandardCharsets.UTF_8));
			ProductEvents.saved(writer, good, "Good", "3", "EUR");
			writer.flush();

			ConsumerRecord<String, String> dead = deadLetters.await(record -> bad.equals(record.key()), WAIT);
			assertThat(header(dead, KafkaHeaders.DLT_EXCEPTION_MESSAGE)).isNotBlank();
			assertThat(header(dead, KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo(Topics.PRODUCTS);
			ConsumerGroups.awaitCaughtUp("cart-fn", Topics.PRODUCTS, WAIT);
			assertThat(add(good, 1).statusCode()).isEqualTo(200);
			assertThat(add(bad, 1).statusCode()).isEqualTo(404);
			assertThat(deadLetters.readFor(Duration.ofSeconds(1), record -> !bad.equals(record.key())))
				.as("nothing else dead-lettered")
				.isEmpty();
		}
	}

	@Test
	void answersAnEmptyCartForACustomerWithoutOne() {
		HttpResponse<String> cart = this.http.get("/cart/" + this.customer);

		assertThat(cart.statusCode()).isEqualTo(200);
		assertThat(cart.body()).isEqualTo("{\"customerId\":\"%s\",\"lines\":[],\"total\":0,\"currency\":null}"
			.formatted(this.customer));
	}

	@Test
	void refusesUnknownSkusAndQuantitiesOutOfRange() {
		assertThat(add("GHOST", 1).statusCode()).isEqualTo(404);
		assertThat(add("MUG", 0).statusCode()).isEqualTo(400);
		assertThat(add("MUG", 1000).statusCode()).isEqualTo(400);
		assertThat(this.http.post("/addItem", "{\"customerId\":\"%s\",\"sku\":\"MUG\",\"quantity\":1.5}"
			.formatted(this.customer)).body()).contains("whole number");
		add("MUG", 999);
		assertThat(add("MUG", 1).body()).contains("at most 999");
		assertThat(add("DOLLAR", 1).statusCode()).as("another currency").isEqualTo(409);
	}

	@Test
	void losesNoUpdateWhenTheSameCartIsChangedConcurrently() {
		try (ExecutorService clients = Executors.newFixedThreadPool(8)) {
			for (int i = 0; i < 40; i++) {
				clients.submit(() -> add("MUG", 1));
			}
		}

		assertThat(JsonPath.<Integer>read(this.http.get("/cart/" + this.customer).body(), "$.lines[0].quantity"))
			.isEqualTo(40);
	}

	@Test
	void lowersOrRemovesALine() {
		add("MUG", 3);
		add("POT", 1);

		String lowered = this.http.post("/removeItem", "{\"customerId\":\"%s\",\"sku\":\"MUG\",\"quantity\":2}"
			.formatted(this.customer)).body();
		String removed = this.http.post("/removeItem", "{\"customerId\":\"%s\",\"sku\":\"POT\"}"
			.formatted(this.customer)).body();

		assertThat(JsonPath.<Integer>read(lowered, "$.lines[0].quantity")).isEqualTo(1);
		assertThat(JsonPath.<List<String>>read(removed, "$.lines[*].sku")).containsExactly("MUG");
	}

	@Test
	void checksOutOncePerIdempotencyKeyAndEmptiesTheCartAfterPublishing() {
		add("MUG", 2);
		String key = UUID.randomUUID().toString();

		HttpResponse<String> first = checkout(key);
		HttpResponse<String> again = checkout(key);

		assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
		String orderId = JsonPath.read(first.body(), "$.orderId");
		assertThat(JsonPath.<String>read(first.body(), "$.status")).isEqualTo("PLACED");
		assertThat(first.body()).contains("\"total\":25.00");
		assertThat(JsonPath.<String>read(again.body(), "$.orderId")).isEqualTo(orderId);
		assertThat(JsonPath.<List<?>>read(this.http.get("/cart/" + this.customer).body(), "$.lines")).isEmpty();
		try (TopicReader orders = TopicReader.of(Topics.ORDERS)) {
			ConsumerRecord<String, String> placed = orders.await(record -> orderId.equals(record.key()), WAIT);
			assertThat(header(placed, "ce_type")).isEqualTo("order.placed");
			assertThat(JsonPath.<String>read(placed.value(), "$.email")).as("the address in the token")
				.isEqualTo(this.customer + "@customers.test");
			assertThat(JsonPath.<String>read(placed.value(), "$.lines[0].sku")).isEqualTo("MUG");
			assertThat(JsonPath.<Integer>read(placed.value(), "$.lines[0].quantity")).isEqualTo(2);
			assertThat(orders.readFor(Duration.ofSeconds(2), record -> orderId.equals(record.key())))
				.as("one order.placed")
				.hasSize(1);
		}
	}

	@Test
	void countsAnOrderPlacedOnceWhenItsCheckoutIsReplayed() {
		double placedBefore = ordersCounted("placed");
		add("MUG", 1);
		String key = UUID.randomUUID().toString();

		assertThat(checkout(key).statusCode()).isEqualTo(200);
		assertThat(checkout(key).statusCode()).isEqualTo(200);

		assertThat(ordersCounted("placed")).isEqualTo(placedBefore + 1);
		assertThat(this.http.get("/actuator/prometheus").body()).as("every status, counted or not yet")
			.contains("fnorders_orders_total{application=\"cart-fn\",status=\"confirmed\"}",
					"fnorders_orders_total{application=\"cart-fn\",status=\"rejected\"}",
					"fnorders_orders_total{application=\"cart-fn\",status=\"cancelled\"}");
	}

	@Test
	void refusesACheckoutWithoutKeyOrWithAnEmptyCart() {
		HttpResponse<String> noKey = this.http.post("/checkout", "{\"customerId\":\"%s\"}".formatted(this.customer));
		HttpResponse<String> empty = checkout(UUID.randomUUID().toString());

		assertThat(noKey.statusCode()).isEqualTo(400);
		assertThat(noKey.body()).contains("Idempotency-Key");
		assertThat(empty.statusCode()).isEqualTo(409);
		assertThat(empty.body()).contains("is empty");
	}

	@Test
	void followsTheStatusInventoryDecides() {
		String confirmed = placeOrder();
		String rejected = placeOrder();

		try (EventWriter writer = EventWriter.create()) {
			writer.send(Topics.ORDER_STATUS, EventTypes.ORDER_CONFIRMED, "order.confirmed:" + confirmed, confirmed,
					new OrderConfirmed(confirmed, this.customer, List.of(new ReservedLine("MUG", 1)), null));
			writer.send(Topics.ORDER_STATUS, EventTypes.ORDER_REJECTED, "order.rejected:" + rejected, rejected,
					new OrderRejected(rejected, this.customer, "insufficient stock for MUG",
							List.of(new ShortLine("MUG", 1, 0, false)), null));
		}

		awaitStatus(confirmed, "CONFIRMED");
		awaitStatus(rejected, "REJECTED");
		assertThat(this.http.get("/order/" + rejected).body()).contains("\"reason\":\"insufficient stock for MUG\"");
		assertThat(this.http.get("/order/no-such-order").statusCode()).isEqualTo(404);
	}

	@Test
	void cancelsAnOrderOnceAndPublishesOrderCancelled() {
		String orderId = placeOrder();
		double cancelledBefore = ordersCounted("cancelled");

		HttpResponse<String> cancelled = cancel(orderId);
		HttpResponse<String> again = cancel(orderId);

		assertThat(JsonPath.<String>read(cancelled.body(), "$.status")).isEqualTo("CANCELLED");
		assertThat(again.statusCode()).isEqualTo(200);
		assertThat(ordersCounted("cancelled")).as("cancelled once").isEqualTo(cancelledBefore + 1);
		try (TopicReader orders = TopicReader.of(Topics.ORDERS)) {
			ConsumerRecord<String, String> event = orders.await(
					record -> orderId.equals(record.key()) && "order.cancelled".equals(header(record, "ce_type")), WAIT);
			assertThat(JsonPath.<String>read(event.value(), "$.reason")).isEqualTo("changed my mind");
		}
		assertThat(cancel("no-such-order").statusCode()).isEqualTo(404);
	}

	@Test
	void refusesToCancelARejectedOrder() {
		String orderId = placeOrder();
		try (EventWriter writer = EventWriter.create()) {
			writer.send(Topics.ORDER_STATUS, EventTypes.ORDER_REJECTED, "order.rejected:" + orderId, orderId,
					new OrderRejected(orderId, this.customer, "unknown sku: MUG", List.of(), null));
		}
		awaitStatus(orderId, "REJECTED");

		assertThat(cancel(orderId).statusCode()).isEqualTo(409);
	}

	@Test
	void readsABodyInTheCharsetItNamesAndDecodesThePathArgument() {
		String customer = "caf\u00e9-" + UUID.randomUUID().toString().substring(0, 6);
		HttpFunctions http = this.http.as(TestIssuer.get().customer(customer));
		HttpResponse<String> added = http.send(http.request("/addItem")
			.header("Content-Type", "application/json; charset=ISO-8859-1")
			.POST(BodyPublishers.ofByteArray("{\"customerId\":\"%s\",\"sku\":\"MUG\",\"quantity\":2}".formatted(customer)
				.getBytes(StandardCharsets.ISO_8859_1)))
			.build());

		assertThat(added.statusCode()).as(added.body()).isEqualTo(200);
		assertThat(JsonPath.<String>read(added.body(), "$.customerId")).isEqualTo(customer);
		String cart = http.get("/cart/" + URLEncoder.encode(customer, StandardCharsets.UTF_8)).body();
		assertThat(JsonPath.<String>read(cart, "$.customerId")).isEqualTo(customer);
		assertThat(JsonPath.<Integer>read(cart, "$.lines[0].quantity")).isEqualTo(2);
	}

	@Test
	void refusesACharsetItDoesNotKnowWith415() {
		HttpResponse<String> unknown = this.http.send(this.http.request("/addItem")
			.header("Content-Type", "application/json; charset=klingon")
			.POST(BodyPublishers.ofString("{\"customerId\":\"c\",\"sku\":\"MUG\",\"quantity\":1}"))
			.build());

		assertThat(unknown.statusCode()).isEqualTo(415);
		assertThat(unknown.headers().firstValue("Content-Type")).hasValue("application/problem+json");
	}

	@Test
	void refusesACustomerIdThatIsNotTextNamingTheFieldButNoJavaType() {
		add("MUG", 1);
		HttpResponse<String> checkout = this.http.send(this.http.request("/checkout")
			.header("Content-Type", "application/json")
			.header("Idempotency-Key", UUID.randomUUID().toString())
			.POST(BodyPublishers.ofString("{\"customerId\": {}}"))
			.build());

		assertThat(checkout.statusCode()).as(checkout.body()).isEqualTo(400);
		assertThat(JsonPath.<String>read(checkout.body(), "$.detail")).contains("'customerId'").doesNotContain("java");
	}

	@Test
	void holdsAtMostAHundredProductsInACart() {
		for (int line = 0; line < Cart.MAX_LINES; line++) {
			assertThat(add("LINE-" + line, 1).statusCode()).isEqualTo(200);
		}

		HttpResponse<String> oneMore = add("LINE-" + Cart.MAX_LINES, 1);

		assertThat(oneMore.statusCode()).as(oneMore.body()).isEqualTo(409);
		assertThat(JsonPath.<String>read(oneMore.body(), "$.detail")).contains("at most 100 different products");
		assertThat(add("LINE-0", 1).statusCode()).as("more of a product already in it").isEqualTo(200);
	}

	@Test
	void placesOneOrderWhenCheckoutsWithDifferentKeysRaceForTheSameCart() throws Exception {
		add("MUG", 1);
		List<HttpResponse<String>> answers = new CopyOnWriteArrayList<>();
		try (ExecutorService clients = Executors.newFixedThreadPool(8)) {
			for (int i = 0; i < 16; i++) {
				clients.submit(() -> answers.add(checkout(UUID.randomUUID().toString())));
			}
		}

		assertThat(answers).filteredOn(answer -> answer.statusCode() == 200).hasSize(1);
		assertThat(answers).filteredOn(answer -> answer.statusCode() == 409).hasSize(15);
		String orderId = JsonPath.read(answers.stream().filter(answer -> answer.statusCode() == 200).findFirst()
			.orElseThrow().body(), "$.orderId");
		try (TopicReader orders = TopicReader.of(Topics.ORDERS)) {
			assertThat(orders.readFor(Duration.ofSeconds(3), record -> record.value().contains(this.customer)))
				.singleElement()
				.satisfies(record -> assertThat(record.key()).isEqualTo(orderId));
		}
	}

	@Test
	void neverAnnouncesACancelledOrderAgainWhenItsCheckoutIsRetried() {
		add("MUG", 1);
		String key = UUID.randomUUID().toString();
		String orderId = JsonPath.read(checkout(key).body(), "$.orderId");
		cancel(orderId);

		HttpResponse<String> retried = checkout(key);

		assertThat(JsonPath.<String>read(retried.body(), "$.status")).isEqualTo("CANCELLED");
		try (TopicReader orders = TopicReader.of(Topics.ORDERS)) {
			assertThat(orders.readFor(Duration.ofSeconds(3), record -> orderId.equals(record.key())))
				.extracting(record -> header(record, "ce_type"))
				.containsExactly("order.placed", "order.cancelled");
		}
	}

	@Test
	void actsOnTheSignedInCustomersCartOnly() {
		add("MUG", 1);
		HttpFunctions other = this.http.as(TestIssuer.get().customer("other-" + UUID.randomUUID()));

		HttpResponse<String> theirs = other.get("/cart/" + this.customer);
		HttpResponse<String> addForThem = other.post("/addItem",
				"{\"customerId\":\"%s\",\"sku\":\"MUG\",\"quantity\":5}".formatted(this.customer));
		HttpResponse<String> spoofed = other.send(other.request("/cart")
			.header("Fnorders-Customer", this.customer)
			.GET()
			.build());

		assertThat(theirs.statusCode()).as(theirs.body()).isEqualTo(403);
		assertThat(theirs.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(JsonPath.<String>read(theirs.body(), "$.detail")).contains("only on your own");
		assertThat(addForThem.statusCode()).isEqualTo(403);
		assertThat(JsonPath.<String>read(spoofed.body(), "$.customerId")).as("a caller header the client sent")
			.isNotEqualTo(this.customer);
		assertThat(JsonPath.<Integer>read(this.http.get("/cart").body(), "$.lines[0].quantity"))
			.as("the caller's own cart, named by the token alone")
			.isEqualTo(1);
		HttpResponse<String> unnamed = this.http.post("/addItem", "{\"sku\":\"MUG\",\"quantity\":1}");
		assertThat(JsonPath.<String>read(unnamed.body(), "$.customerId")).isEqualTo(this.customer);
		assertThat(JsonPath.<Integer>read(unnamed.body(), "$.lines[0].quantity")).isEqualTo(2);
	}

	@Test
	void anotherCustomersOrderIsNotFoundAndCannotBeCancelled() {
		String orderId = placeOrder();
		HttpFunctions other = this.http.as(TestIssuer.get().customer("other-" + UUID.randomUUID()));

		HttpResponse<String> read = other.get("/order/" + orderId);
		HttpResponse<String> cancel = other.post("/cancelOrder", "{\"orderId\":\"%s\"}".formatted(orderId));
		HttpResponse<String> none = other.get("/order/no-such-order");

		assertThat(read.statusCode()).isEqualTo(404);
		assertThat(cancel.statusCode()).isEqualTo(404);
		assertThat(JsonPath.<String>read(read.body(), "$.detail"))
			.as("the same answer as for an order that does not exist")
			.isEqualTo(JsonPath.<String>read(none.body(), "$.detail").replace("no-such-order", orderId));
		assertThat(JsonPath.<String>read(this.http.get("/order/" + orderId).body(), "$.status")).isEqualTo("PLACED");
	}

	@Test
	void refusesCallersWithoutAValidTokenAsProblems() {
		HttpFunctions anonymous = this.http.anonymous();
		TestIssuer issuer = TestIssuer.get();

		HttpResponse<String> none = anonymous.get("/cart/" + this.customer);
		HttpResponse<String> expired = anonymous.as(issuer.expired(this.customer)).get("/cart/" + this.customer);
		HttpResponse<String> forged = anonymous.as(issuer.forged(this.customer)).get("/cart/" + this.customer);
		HttpResponse<String> garbage = anonymous.as("not-a-token").get("/cart/" + this.customer);
		add("MUG", 1);
		HttpFunctions withoutEmail = anonymous
			.as(issuer.token(this.customer, null, List.of("customer"), Duration.ofMinutes(5)));
		HttpResponse<String> noEmail = withoutEmail.send(withoutEmail.request("/checkout")
			.header("Content-Type", "application/json")
			.header("Idempotency-Key", UUID.randomUUID().toString())
			.POST(BodyPublishers.ofString("{}"))
			.build());

		assertThat(List.of(none, expired, forged, garbage)).allSatisfy(answer -> {
			assertThat(answer.statusCode()).as(answer.body()).isEqualTo(401);
			assertThat(answer.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
					challenge -> assertThat(challenge).startsWith("Bearer"));
			assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		});
		assertThat(JsonPath.<String>read(expired.body(), "$.detail")).contains("expired");
		assertThat(noEmail.statusCode()).as(noEmail.body()).isEqualTo(403);
		assertThat(JsonPath.<String>read(noEmail.body(), "$.detail")).contains("no e-mail address");
	}

	private String placeOrder() {
		add("MUG", 1);
		HttpResponse<String> order = checkout(UUID.randomUUID().toString());
		assertThat(order.statusCode()).as(order.body()).isEqualTo(200);
		return JsonPath.read(order.body(), "$.orderId");
	}

	private void awaitStatus(String orderId, String status) {
		Awaitility.await()
			.atMost(WAIT)
			.untilAsserted(() -> assertThat(JsonPath.<String>read(this.http.get("/order/" + orderId).body(), "$.status"))
				.isEqualTo(status));
	}

	/** The value of {@code fnorders_orders_total} with that status, as Prometheus scrapes it. */
	private double ordersCounted(String status) {
		String exposed = this.http.get("/actuator/prometheus").body();
		Matcher series = Pattern
			.compile("(?m)^fnorders_orders_total\\{application=\"cart-fn\",status=\"" + status + "\"\\} (\\S+)$")
			.matcher(exposed);
		assertThat(series.find()).as("fnorders_orders_total of status %s", status).isTrue();
		return Double.parseDouble(series.group(1));
	}

	private HttpResponse<String> add(String sku, int quantity) {
		return this.http.post("/addItem",
				"{\"customerId\":\"%s\",\"sku\":\"%s\",\"quantity\":%d}".formatted(this.customer, sku, quantity));
	}

	private HttpResponse<String> checkout(String key) {
		return this.http.send(this.http.request("/checkout")
			.header("Content-Type", "application/json")
			.header("Idempotency-Key", key)
			.POST(BodyPublishers.ofString("{\"customerId\":\"%s\"}".formatted(this.customer)))
			.build());
	}

	private HttpResponse<String> cancel(String orderId) {
		return this.http.post("/cancelOrder", "{\"orderId\":\"%s\",\"reason\":\"changed my mind\"}".formatted(orderId));
	}

}
