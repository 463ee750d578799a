package io.fnorders.cart;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import io.fnorders.events.Topics;
import io.fnorders.testsupport.EventWriter;
import io.fnorders.testsupport.HttpFunctions;
import io.fnorders.testsupport.TestIssuer;
import io.fnorders.testsupport.PrivateKafka;
import io.fnorders.testsupport.RealBrokers;
import org.apache.kafka.clients.producer.ProducerConfig;
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
 * Adding items goes on meanwhile: the catalog is cart-fn's own, kept from {@code products}. The
 * broker here is this class's own, so stopping it leaves the shared one.
 */
@RealBrokers
@DirtiesContext
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "fnorders.cart.key-prefix=cart-down", "fnorders.outbox.metrics-interval=200ms" })
class CheckoutBrokerDownTests {

	private static final PrivateKafka privateBroker = PrivateKafka.withTopics(Topics.ORDERS, Topics.PRODUCTS);

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void privateBroker(DynamicPropertyRegistry registry) {
		privateBroker.startAndRegister(registry);
	}

	@AfterAll
	static void stopBroker() {
		privateBroker.stop();
	}

	@Test
	void placesOrdersAndFillsCartsWhileTheBrokerIsAway() {
		HttpFunctions http = HttpFunctions.onPort(this.port).as(TestIssuer.get().customer("c-down"));
		try (EventWriter writer = EventWriter
			.create(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, privateBroker.bootstrapServers()))) {
			ProductEvents.saved(writer, "MUG", "Blue mug", "12.50", "EUR");
			writer.flush();
		}
		Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(http
			.post("/addItem", "{\"customerId\":\"c-down\",\"sku\":\"MUG\",\"quantity\":2}").statusCode())
			.isEqualTo(200));

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

		HttpResponse<String> add = http.post("/addItem", "{\"customerId\":\"c-down\",\"sku\":\"MUG\",\"quantity\":1}");
		assertThat(add.statusCode()).as(add.body()).isEqualTo(200);
		assertThat(add.body()).contains("\"name\":\"Blue mug\"", "\"lineTotal\":12.50");
	}

}
