package io.fnorders.cart;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;

import com.jayway.jsonpath.JsonPath;
import io.fnorders.events.Topics;
import io.fnorders.testsupport.HttpFunctions;
import io.fnorders.testsupport.PrivateKafka;
import io.fnorders.testsupport.RealBrokers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Checkout when Kafka goes away, and adding items when the catalog does: 503 problems, and the
 * cart is kept whole. The broker here is this class's own, so stopping it leaves the shared one.
 */
@RealBrokers
@DirtiesContext
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "fnorders.cart.key-prefix=cart-down")
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
	void keepsTheCartAndAnswersServiceUnavailableWhenTheBrokerOrTheCatalogIsAway() {
		HttpFunctions http = HttpFunctions.onPort(this.port);
		assertThat(http.post("/addItem", "{\"customerId\":\"c-down\",\"sku\":\"MUG\",\"quantity\":2}").statusCode())
			.isEqualTo(200);

		privateBroker.stop();
		HttpResponse<String> checkout = http.send(http.request("/checkout")
			.header("Content-Type", "application/json")
			.header("Idempotency-Key", "k-1")
			.POST(BodyPublishers.ofString("{\"customerId\":\"c-down\"}"))
			.build());

		assertThat(checkout.statusCode()).as(checkout.body()).isEqualTo(503);
		assertThat(checkout.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		String cart = http.get("/cart/c-down").body();
		assertThat(JsonPath.<Integer>read(cart, "$.lines[0].quantity")).isEqualTo(2);

		catalog.close();
		HttpResponse<String> add = http.post("/addItem", "{\"customerId\":\"c-down\",\"sku\":\"MUG\",\"quantity\":1}");
		assertThat(add.statusCode()).as(add.body()).isEqualTo(503);
		assertThat(JsonPath.<Integer>read(http.get("/cart/c-down").body(), "$.lines[0].quantity")).isEqualTo(2);
	}

}
