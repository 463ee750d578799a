package io.fnorders.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import io.fnorders.events.EventTypes;
import io.fnorders.events.OrderCancelled;
import io.fnorders.events.Topics;
import io.fnorders.inventory.stock.Inventory;
import io.fnorders.platform.messaging.CloudEvents;
import io.fnorders.testsupport.RealBrokers;
import io.fnorders.values.Sku;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cloud.stream.binder.test.EnableTestBinder;
import org.springframework.cloud.stream.binder.test.InputDestination;
import org.springframework.cloud.stream.binder.test.OutputDestination;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * The reserveStock binding on the stream test binder (taken by reserveStocks, as on Kafka):
 * {@code orders} in, {@code order-status} and {@code stock} out, as the binding configuration
 * names them.
 */
@RealBrokers
@EnableTestBinder
@SpringBootTest(properties = { "spring.cloud.stream.default-binder=integration",
		"fnorders.inventory.key-prefix=inventory-binding" })
class ReserveStockBindingTests {

	@Autowired
	InputDestination input;

	@Autowired
	OutputDestination output;

	@Autowired
	CloudEvents cloudEvents;

	@Autowired
	JsonMapper json;

	@Autowired
	Inventory inventory;

	@Test
	void reservesAPlacedOrderAndAnnouncesTheOutcomeAndTheStock() {
		String sku = InventoryFixtures.uniqueSku("BIND");
		String orderId = InventoryFixtures.orderId();
		setStock(sku, 4);

		send(this.cloudEvents.message(EventTypes.ORDER_PLACED, "p-" + orderId, orderId,
				InventoryFixtures.order(orderId, sku, 3)));

		Message<byte[]> status = this.output.receive(5000, Topics.ORDER_STATUS);
		assertThat(status).isNotNull();
		assertThat(status.getHeaders()).containsEntry("ce_type", "order.confirmed").containsEntry("ce_subject", orderId);
		assertThat(JsonPath.<String>read(text(status), "$.orderId")).isEqualTo(orderId);
		String level = stockChangedOf(sku, 2);
		assertThat(JsonPath.<Integer>read(level, "$.reserved")).isEqualTo(3);
		assertThat(JsonPath.<Integer>read(level, "$.available")).isEqualTo(1);
	}

	@Test
	void releasesACancelledOrderWithoutAnsweringOnOrderStatus() {
		String sku = InventoryFixtures.uniqueSku("BIND");
		String orderId = InventoryFixtures.orderId();
		setStock(sku, 2);
		send(this.cloudEvents.message(EventTypes.ORDER_PLACED, "p-" + orderId, orderId,
				InventoryFixtures.order(orderId, sku, 2)));
		assertThat(this.output.receive(5000, Topics.ORDER_STATUS)).isNotNull();
		stockChangedOf(sku, 2);

		send(this.cloudEvents.message(EventTypes.ORDER_CANCELLED, "c-" + orderId, orderId,
				new OrderCancelled(orderId, "customer-1", "no longer needed", null)));

		assertThat(JsonPath.<Integer>read(stockChangedOf(sku, 3), "$.reserved")).isZero();
		assertThat(this.output.receive(300, Topics.ORDER_STATUS)).isNull();
	}

	private void setStock(String sku, int units) {
		this.inventory.setStock(Sku.of(sku), units);
		stockChangedOf(sku, 1);
	}

	/**
	 * The {@code stock.changed} of this sku's version, which the outbox relay publishes shortly
	 * after the change; earlier events on the destination are passed over.
	 */
	private String stockChangedOf(String sku, int version) {
		long deadline = System.nanoTime() + 10_000_000_000L;
		while (System.nanoTime() < deadline) {
			Message<byte[]> event = this.output.receive(500, Topics.STOCK);
			if (event != null && (sku + "@" + version).equals(event.getHeaders().get("ce_id"))) {
				return text(event);
			}
		}
		throw new AssertionError("no stock.changed " + sku + "@" + version + " within 10 s");
	}

	/**
	 * The event as a batch of one, in the shape a Kafka binding in batch mode delivers it (the
	 * payloads as a list, each record's headers in {@code kafka_batchConvertedHeaders}): on Kafka
	 * the binding is batch-mode (transport-kafka.yaml).
	 */
	private void send(Message<?> event) {
		Map<String, Object> headers = new HashMap<>(event.getHeaders());
		this.input.send(MessageBuilder.withPayload(List.of(this.json.writeValueAsBytes(event.getPayload())))
			.setHeader(KafkaHeaders.BATCH_CONVERTED_HEADERS, List.of(headers))
			.build(), Topics.ORDERS);
	}

	private static String text(Message<byte[]> message) {
		return new String(message.getPayload(), StandardCharsets.UTF_8);
	}

}
