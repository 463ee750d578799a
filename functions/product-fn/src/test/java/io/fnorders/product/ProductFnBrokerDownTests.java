package io.fnorders.product;

import static org.assertj.core.api.Assertions.assertThat;

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
 * product-fn when its Kafka broker goes away while it runs: a save answers 503 problem+json
 * within seconds, and the catalog keeps answering reads from Redis. The broker here is this
 * class's own, so stopping it leaves the shared one alone.
 */
@RealBrokers
@DirtiesContext
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "fnorders.catalog.key-prefix=catalog-down")
class ProductFnBrokerDownTests {

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
	void answersServiceUnavailableWhenTheEventCannotBePublished() {
		HttpFunctions http = HttpFunctions.onPort(this.port);
		assertThat(http.post("/saveProduct", kettle("UP-1")).statusCode()).isEqualTo(200);

		privateBroker.stop();
		HttpResponse<String> response = http.post("/saveProduct", kettle("DOWN-1"));

		assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(JsonPath.<String>read(response.body(), "$.detail")).contains("product.upserted", "DOWN-1");
		assertThat(http.get("/product/UP-1").statusCode()).isEqualTo(200);
	}

	private static String kettle(String sku) {
		return """
				{"sku":"%s","name":"Kettle","category":"kitchen","price":40,"currency":"EUR"}
				""".formatted(sku);
	}

}
