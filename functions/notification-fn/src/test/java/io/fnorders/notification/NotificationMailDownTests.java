package io.fnorders.notification;

import static io.fnorders.notification.NotificationFixtures.customerId;
import static io.fnorders.notification.NotificationFixtures.orderId;
import static io.fnorders.notification.NotificationFixtures.placed;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.fnorders.events.EventTypes;
import io.fnorders.events.OrderConfirmed;
import io.fnorders.events.ReservedLine;
import io.fnorders.events.Topics;
import io.fnorders.localbrokers.LocalPorts;
import io.fnorders.testsupport.EventWriter;
import io.fnorders.testsupport.HttpFunctions;
import io.fnorders.testsupport.RealBrokers;
import io.fnorders.testsupport.TestIssuer;
import io.fnorders.testsupport.TopicReader;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
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
 * While no mail server answers, notification-fn waits: the events stay where they are (nothing is
 * dead-lettered or marked sent), readiness and the waiting metric say so, and once a mail server
 * answers on the configured port each e-mail goes out once.
 */
@RealBrokers
@DirtiesContext
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "fnorders.notification.key-prefix=notification-down",
				"spring.cloud.stream.bindings.notify-in-0.consumer.back-off-max-interval=2000" })
class NotificationMailDownTests {

	private static final int SMTP_PORT = LocalPorts.freePort();

	private static final GreenMail smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void mailServerNotYetThere(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.port", () -> SMTP_PORT);
	}

	@AfterAll
	static void stopMailServer() {
		smtp.stop();
	}

	@Test
	void waitsOutAMailServerOutageAndThenSendsEachEmailOnce() {
		String order = orderId();
		String customer = customerId();
		HttpFunctions http = HttpFunctions.onPort(this.port).as(TestIssuer.get().customer(customer));
		try (EventWriter writer = EventWriter.create();
				TopicReader ordersDlq = TopicReader.of(Topics.deadLetter(Topics.ORDERS));
				TopicReader statusDlq = TopicReader.of(Topics.deadLetter(Topics.ORDER_STATUS))) {
			writer.send(Topics.ORDERS, EventTypes.ORDER_PLACED, "order.placed:" + order, order, placed(order, customer));
			writer.send(Topics.ORDER_STATUS, EventTypes.ORDER_CONFIRMED, "order.confirmed:" + order, order,
					new OrderConfirmed(order, customer, List.of(new ReservedLine("MUG", 2)),
							NotificationFixtures.email(customer)));

			Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				assertThat(http.get("/actuator/health/readiness").statusCode()).isEqualTo(503);
				assertThat(http.get("/actuator/prometheus").body())
					.containsPattern("fnorders_consumer_waiting\\{[^}]*group=\"notification-fn\"[^}]*\\} [1-9]")
					.containsPattern("fnorders_consumer_retries_total\\{[^}]*group=\"notification-fn\"[^}]*\\} [1-9]");
			});
			assertThat(http.get("/actuator/health/container").statusCode()).isEqualTo(200);
			assertThat(http.get("/notifications/" + customer).body()).isEqualTo("[]");

			smtp.start();

			Awaitility.await()
				.atMost(Duration.ofSeconds(60))
				.untilAsserted(() -> assertThat(subjectsTo(customer)).containsExactlyInAnyOrder(
						"We received your order " + order, "Your order " + order + " is confirmed"));
			Awaitility.await()
				.atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(http.get("/actuator/health/readiness").statusCode()).isEqualTo(200));
			assertThat(ordersDlq.readFor(Duration.ofSeconds(2), record -> order.equals(record.key()))).isEmpty();
			assertThat(statusDlq.readFor(Duration.ofSeconds(1), record -> order.equals(record.key()))).isEmpty();
		}
		assertThat(subjectsTo(customer)).hasSize(2);
		assertThat(http.get("/notifications/" + customer).body()).contains("\"type\":\"PLACED\"", "\"type\":\"CONFIRMED\"");
		assertThat(http.get("/actuator/prometheus").body())
			.containsPattern("fnorders_consumer_waiting\\{[^}]*group=\"notification-fn\"[^}]*topic=\"orders\"\\} 0\\.0")
			.doesNotContainPattern("fnorders_dead_letters_total\\{[^}]*group=\"notification-fn\"[^}]*\\} [1-9]");
	}

	private static List<String> subjectsTo(String customer) {
		return Arrays.stream(smtp.getReceivedMessages())
			.filter(mail -> recipient(mail).startsWith(customer + "@"))
			.map(NotificationMailDownTests::subject)
			.toList();
	}

	private static String recipient(MimeMessage mail) {
		try {
			return mail.getRecipients(RecipientType.TO)[0].toString();
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String subject(MimeMessage mail) {
		try {
			return mail.getSubject();
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
