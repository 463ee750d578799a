package io.fnorders.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import io.fnorders.events.Topics;
import io.fnorders.testsupport.HttpFunctions;
import io.fnorders.testsupport.TestIssuer;
import io.fnorders.testsupport.RealBrokers;
import io.fnorders.testsupport.RealRabbit;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code rabbit} binding: the same jar and functions on a real RabbitMQ node. An order placed
 * on the {@code orders} exchange is reserved and answered on {@code order-status}; an unreadable
 * one ends in the dead-letter queue with the error in its headers.
 */
@RealBrokers
@RealRabbit
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "fnorders.binding=rabbit", "fnorders.inventory.key-prefix=inventory-rabbit" })
class ReserveStockOnRabbitTests {

	@LocalServerPort
	int port;

	@Autowired
	RabbitTemplate rabbit;

	@Autowired
	AmqpAdmin admin;

	@Autowired
	JsonMapper json;

	@Test
	void reservesAnOrderFromTheOrdersExchangeAndAnswersOnOrderStatus() {
		String sku = InventoryFixtures.uniqueSku("RABBIT");
		String orderId = InventoryFixtures.orderId();
		HttpFunctions http = HttpFunctions.onPort(this.port).as(TestIssuer.get().admin());
		assertThat(http.post("/setStock", "{\"sku\":\"%s\",\"quantity\":3}".formatted(sku)).statusCode()).isEqualTo(200);
		Queue statuses = listenTo(Topics.ORDER_STATUS);

		this.rabbit.send(Topics.ORDERS, orderId, event("order.placed", orderId,
				this.json.writeValueAsBytes(InventoryFixtures.order(orderId, sku, 2))));

		Message status = this.rabbit.receive(statuses.getName(), 30_000);
		assertThat(status).isNotNull();
		assertThat(String.valueOf(status.getMessageProperties().getHeaders().get("ce_type"))).isEqualTo("order.confirmed");
		assertThat(JsonPath.<String>read(new String(status.getBody(), StandardCharsets.UTF_8), "$.orderId"))
			.isEqualTo(orderId);
		assertThat(http.get("/stock/" + sku).body()).contains("\"reserved\":2");
	}

	@Test
	void deadLettersAnUnreadableOrderAfterItsRetries() {
		String orderId = InventoryFixtures.orderId();

		this.rabbit.send(Topics.ORDERS, orderId,
				event("order.placed", orderId, "{not json".getBytes(StandardCharsets.UTF_8)));

		Message dead = this.rabbit.receive(Topics.ORDERS + ".inventory-fn.dlq", 30_000);
		assertThat(dead).isNotNull();
		assertThat(dead.getMessageProperties().getHeaders()).containsKey("x-exception-message");
		assertThat(String.valueOf(dead.getMessageProperties().getHeaders().get("x-exception-stacktrace")))
			.contains("UnreadableEventException", "is not a valid OrderPlaced");
	}

	private Queue listenTo(String exchange) {
		Queue queue = new Queue("test-" + exchange + "-" + UUID.randomUUID(), false, true, true);
		this.admin.declareQueue(queue);
		this.admin.declareBinding(bind(queue, exchange));
		return queue;
	}

	private static Binding bind(Queue queue, String exchange) {
		return BindingBuilder.bind(queue).to(new TopicExchange(exchange)).with("#");
	}

	private static Message event(String type, String subject, byte[] data) {
		return MessageBuilder.withBody(data)
			.setContentType("application/json")
			.copyHeaders(Map.of("ce_specversion", "1.0", "ce_type", type, "ce_id", type + ":" + subject, "ce_source",
					"test", "ce_subject", subject))
			.build();
	}

}
