package io.fnorders.product;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * product-fn when its Kafka broker goes away while it runs: a save still stands, answered 200
 * (the outbox keeps product.upserted until the broker is back) and the catalog keeps answering
 * from Redis; and a catalog at its size limit refuses a new product with 409 but still replaces
 * the ones it has. The broker here is this class's own, so stopping it leaves the shared one.
 */
@RealBrokers
@DirtiesContext
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "fnorders.catalog.key-prefix=catalog-down",
		"fnorders.catalog.max-products=3", "fnorders.outbox.metrics-interval=200ms" })
class ProductFnBrokerDownAndFullTests {

	private static final PrivateKafka privateBroker = PrivateKafka.withTopics(Topics.PRODUCTS);

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
	void keepsASaveWhoseEventCannotBePublishedYetAndRefusesANewProductWhenFull() {
		HttpFunctions http = HttpFunctions.onPort(this.port).as(TestIssuer.get().admin());
		assertThat(http.post("/saveProduct", kettle("UP-1", 40)).statusCode()).isEqualTo(200);

		privateBroker.stop();
		HttpResponse<String> saved = http.post("/saveProduct", kettle("DOWN-1", 42));

		assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
		assertThat(JsonPath.<Double>read(http.get("/product/DOWN-1").body(), "$.price")).isEqualTo(42.0);
		assertThat(http.get("/product/UP-1").statusCode()).isEqualTo(200);
		Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(http.get("/actuator/prometheus").body())
			.containsPattern("(?m)^fnorders_outbox_depth\\{[^}]*\\} [1-9]"));

		assertThat(http.post("/saveProduct", kettle("DOWN-2", 1)).statusCode()).isEqualTo(200);
		HttpResponse<String> full = http.post("/saveProduct", kettle("DOWN-3", 1));
		assertThat(full.statusCode()).as(full.body()).isEqualTo(409);
		assertThat(JsonPath.<String>read(full.body(), "$.detail")).contains("holds 3 products");
		assertThat(http.post("/saveProduct", kettle("DOWN-1", 43)).statusCode()).as("a known sku is replaced")
			.isEqualTo(200);
	}

	private static String kettle(String sku, int price) {
		return """
				{"sku":"%s","name":"Kettle","category":"kitchen","price":%d,"currency":"EUR"}
				""".formatted(sku, price);
	}

}
