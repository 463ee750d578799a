package io.fnorders.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest.BodyPublishers;
import java.time.Duration;
import java.net.http.HttpResponse;

import com.jayway.jsonpath.JsonPath;
import io.fnorders.events.OrderCancelled;
import io.fnorders.events.Topics;
import io.fnorders.testsupport.HttpFunctions;
import io.fnorders.testsupport.TestIssuer;
import io.fnorders.testsupport.RealBrokers;
import io.fnorders.testsupport.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code http} binding: reserveStock, normally triggered from {@code orders}, takes a
 * CloudEvent over HTTP (binary mode) and answers 202 Accepted; the outcome event goes through the
 * outbox to {@code order-status} on Kafka, with the same id and data as on the event path.
 */
@RealBrokers
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "fnorders.binding=http", "fnorders.inventory.key-prefix=inventory-http" })
class ReserveStockOverHttpTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private static TopicReader statuses;

	@LocalServerPort
	int port;

	@Autowired
	JsonMapper json;

	HttpFunctions http;

	@BeforeAll
	static void reader() {
		statuses = TopicReader.of(Topics.ORDER_STATUS);
	}

	@AfterAll
	static void closeReader() {
		statuses.close();
	}

	@BeforeEach
	void client() {
		this.http = HttpFunctions.onPort(this.port).as(TestIssuer.get().admin());
	}

	@Test
	void reservesAnOrderPostedAsACloudEventAndPublishesTheOutcomeOnce() {
		String sku = InventoryFixtures.uniqueSku("HTTP");
		String orderId = InventoryFixtures.orderId();
		assertThat(this.http.post("/setStock", "{\"sku\":\"%s\",\"quantity\":3}".formatted(sku)).statusCode())
			.isEqualTo(200);

		HttpResponse<String> first = postEvent("order.placed", orderId,
				this.json.writeValueAsString(InventoryFixtures.order(orderId, sku, 2)));
		HttpResponse<String> again = postEvent("order.placed", orderId,
				this.json.writeValueAsString(InventoryFixtures.order(orderId, sku, 2)));

		assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
		assertThat(again.statusCode()).as(again.body()).isEqualTo(202);
		ConsumerRecord<String, String> outcome = statuses.await(record -> orderId.equals(record.key()), WAIT);
		assertThat(TopicReader.header(outcome, "ce_type")).isEqualTo("order.confirmed");
		assertThat(TopicReader.header(outcome, "ce_id")).isEqualTo("order.confirmed:" + orderId);
		assertThat(JsonPath.<Integer>read(outcome.value(), "$.lines[0].quantity")).isEqualTo(2);
		assertThat(statuses.readFor(Duration.ofSeconds(1), record -> orderId.equals(record.key()))).hasSize(1);
		assertThat(this.http.get("/stock/" + sku).body()).contains("\"reserved\":2");
	}

	@Test
	void releasesAnOrderCancelledOverHttp() {
		String sku = InventoryFixtures.uniqueSku("HTTP");
		String orderId = InventoryFixtures.orderId();
		this.http.post("/setStock", "{\"sku\":\"%s\",\"quantity\":3}".formatted(sku));
		postEvent("order.placed", orderId, this.json.writeValueAsString(InventoryFixtures.order(orderId, sku, 2)));

		HttpResponse<String> cancelled = postEvent("order.cancelled", orderId,
				this.json.writeValueAsString(new OrderCancelled(orderId, "customer-1", "changed my mind", null)));

		assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(202);
		assertThat(this.http.get("/stock/" + sku).body()).contains("\"reserved\":0");
	}

	@Test
	void refusesAnUnreadableEventWithAProblem() {
		HttpResponse<String> response = postEvent("order.shipped", "o-1", "{}");

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("order.shipped");
	}

	private HttpResponse<String> postEvent(String type, String subject, String data) {
		return this.http.send(this.http.request("/reserveStock")
			.header("Content-Type", "application/json")
			.header("Accept", "application/json")
			.header("ce-specversion", "1.0")
			.header("ce-type", type)
			.header("ce-id", type + ":" + subject)
			.header("ce-source", "test")
			.header("ce-subject", subject)
			.POST(BodyPublishers.ofString(data))
			.build());
	}

}
