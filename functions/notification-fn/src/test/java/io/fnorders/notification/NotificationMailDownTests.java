package io.fnorders.notification;

import static io.fnorders.notification.NotificationFixtures.customerId;
import static io.fnorders.notification.NotificationFixtures.orderId;
import static io.fnorders.notification.NotificationFixtures.placed;
import static io.fnorders.testsupport.TopicReader.header;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import io.fnorders.events.EventTypes;
import io.fnorders.events.OrderConfirmed;
import io.fnorders.events.ReservedLine;
import io.fnorders.events.Topics;
import io.fnorders.testsupport.EventWriter;
import io.fnorders.testsupport.HttpFunctions;
import io.fnorders.testsupport.RealBrokers;
import io.fnorders.localbrokers.LocalPorts;
import io.fnorders.testsupport.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * When no mail server answers: each event is retried, then dead-lettered to the dead-letter topic
 * of the topic it came from, counted as failed, and nothing is recorded as sent.
 */
@RealBrokers
@DirtiesContext
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "fnorders.notification.key-prefix=notification-down")
class NotificationMailDownTests {

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void noMailServer(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.port", LocalPorts::freePort);
	}

	@Test
	void deadLettersEventsWhoseMailCannotBeSentToTheirOwnTopicsDeadLetterTopic() {
		String placedOrder = orderId();
		String confirmedOrder = orderId();
		String customer = customerId();
		try (EventWriter writer = EventWriter.create();
				TopicReader ordersDlq = TopicReader.of(Topics.deadLetter(Topics.ORDERS));
				TopicReader statusDlq = TopicReader.of(Topics.deadLetter(Topics.ORDER_STATUS))) {
			writer.send(Topics.ORDERS, EventTypes.ORDER_PLACED, "order.placed:" + placedOrder, placedOrder,
					placed(placedOrder, customer));
			writer.send(Topics.ORDER_STATUS, EventTypes.ORDER_CONFIRMED, "order.confirmed:" + confirmedOrder,
					confirmedOrder, new OrderConfirmed(confirmedOrder, customer, List.of(new ReservedLine("MUG", 1))));

			ConsumerRecord<String, String> deadPlaced = ordersDlq.await(record -> placedOrder.equals(record.key()),
					Duration.ofSeconds(40));
			ConsumerRecord<String, String> deadConfirmed = statusDlq
				.await(record -> confirmedOrder.equals(record.key()), Duration.ofSeconds(40));
			assertThat(header(deadPlaced, "x-original-topic")).isEqualTo(Topics.ORDERS);
			assertThat(header(deadConfirmed, "x-original-topic")).isEqualTo(Topics.ORDER_STATUS);
			assertThat(header(deadConfirmed, "x-exception-message")).isNotBlank();
		}
		HttpFunctions http = HttpFunctions.onPort(this.port);
		assertThat(http.get("/notifications/" + customer).body()).isEqualTo("[]");
		assertThat(http.get("/actuator/prometheus").body())
			.containsPattern("fnorders_notifications_total\\{[^}]*outcome=\"failed\"[^}]*type=\"confirmed\"\\} [3-9]");
	}

}
