package io.fnorders.cart;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.jayway.jsonpath.JsonPath;
import io.fnorders.events.Topics;
import io.fnorders.testsupport.HttpFunctions;
import io.fnorders.testsupport.TestIssuer;
import io.fnorders.testsupport.PrivateKafka;
import io.fnorders.testsupport.RealBrokers;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Checkout when Kafka goes away: it still places the order (the outbox keeps order.placed until
 * the broker is back) and empties the cart, and the outbox's metrics show the waiting event.
 * Adding items when the catalog goes away: a 503 problem, and the cart is kept whole. The broker
 * here is this class's own, so stopping it leaves the shared one.
 */
@RealBrokers
@DirtiesContext
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "fnorders.cart.key-prefix=cart-down", "fnorders.outbox.metrics-interval=200ms" })
class CheckoutBrokerDownTests {

	private static final PrivateKafka privateBroker = PrivateKafka.withTopics(Topics.ORDERS);

	private static final StubCatalog catalog = new StubCatalog().product("MUG", "Blue mug", "12.50", "EUR");

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void privateBrokerAndCatalog(DynamicPropertyRegistry registry) {
		privateBroker.startAndRegister(registry);
		registry.add("fnorders.cart.catalog-url", catalog::url);
	}

	@AfterAll
	static void stopBrokerAndCatalog() {
		privateBroker.stop();
		catalog.close();
	}

	@Test
	void placesOrdersWhileTheBrokerIsAwayAndKeepsTheCartWhileTheCatalogIs() {
		HttpFunctions http = HttpFunctions.onPort(this.port).as(TestIssuer.get().customer("c-down"));
		assertThat(http.post("/addItem", "{\"customerId\":\"c-down\",\"sku\":\"MUG\",\"quantity\":2}").statusCode())
			.isEqualTo(200);

		privateBroker.stop();
		HttpResponse<String> checkout = http.send(http.request("/checkout")
			.header("Content-Type", "application/json")
			.header("Idempotency-Key", "k-1")
			.POST(BodyPublishers.ofString("{\"customerId\":\"c-down\"}"))
			.build());

		assertThat(checkout.statusCode()).as(checkout.body()).isEqualTo(200);
		assertThat(JsonPath.<String>read(checkout.body(), "$.status")).isEqualTo("PLACED");
		assertThat(JsonPath.<Integer>read(http.get("/cart/c-down").body(), "$.lines.length()")).isZero();
		Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(http.get("/actuator/prometheus").body())
			.containsPattern("(?m)^fnorders_outbox_depth\\{[^}]*\\} [1-9]")
			.containsPattern("(?m)^fnorders_outbox_relay_failures_total\\{[^}]*\\} [1-9]"));

		assertThat(http.post("/addItem", "{\"customerId\":\"c-down\",\"sku\":\"MUG\",\"quantity\":1}").statusCode())
			.isEqualTo(200);
		catalog.close();
		HttpResponse<String> add = http.post("/addItem", "{\"customerId\":\"c-down\",\"sku\":\"MUG\",\"quantity\":1}");
		assertThat(add.statusCode()).as(add.body()).isEqualTo(503);
		assertThat(add.headers().firstValue("Retry-After")).hasValue("5");
		assertThat(add.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(JsonPath.<Integer>read(http.get("/cart/c-down").body(), "$.lines[0].quantity")).isEqualTo(1);
	}

}
