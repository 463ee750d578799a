package io.fnorders.notification;

import static io.fnorders.notification.NotificationFixtures.customerId;
import static io.fnorders.notification.NotificationFixtures.email;
import static io.fnorders.notification.NotificationFixtures.orderId;
import static io.fnorders.notification.NotificationFixtures.placed;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.jayway.jsonpath.JsonPath;
import io.fnorders.events.EventTypes;
import io.fnorders.events.OrderCancelled;
import io.fnorders.events.OrderConfirmed;
import io.fnorders.events.OrderRejected;
import io.fnorders.events.ReservedLine;
import io.fnorders.events.Topics;
import io.fnorders.testsupport.EventWriter;
import io.fnorders.testsupport.HttpFunctions;
import io.fnorders.testsupport.RealBrokers;
import io.fnorders.testsupport.TestIssuer;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * notification-fn against a real Kafka broker, a real Redis server and a real (in-process) SMTP
 * server: one e-mail per order event however often it is delivered, a history, a live stream.
 */
@RealBrokers
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "fnorders.notification.key-prefix=notification-it")
class NotificationFnIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void smtpServer(DynamicPropertyRegistry registry) {
		smtp.start();
		registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
	}

	@AfterAll
	static void stopSmtp() {
		smtp.stop();
	}

	@Test
	void sendsOneEmailPerOrderEventEvenWhenEventsAreDeliveredTwice() {
		String orderId = orderId();
		String customer = customerId();
		try (EventWriter writer = EventWriter.create()) {
			for (int delivery = 0; delivery < 2; delivery++) {
				writer.send(Topics.ORDERS, EventTypes.ORDER_PLACED, "order.placed:" + orderId, orderId,
						placed(orderId, customer));
				writer.send(Topics.ORDER_STATUS, EventTypes.ORDER_CONFIRMED, "order.confirmed:" + orderId, orderId,
						new OrderConfirmed(orderId, customer, List.of(new ReservedLine("MUG", 2)), email(customer)));
				writer.send(Topics.ORDERS, EventTypes.ORDER_CANCELLED, "order.cancelled:" + orderId, orderId,
						new OrderCancelled(orderId, customer, "changed my mind", email(customer)));
			}
		}

		List<String> subjects = awaitMails(customer, 3);
		assertThat(subjects).containsExactlyInAnyOrder("We received your order " + orderId,
				"Your order " + orderId + " is confirmed", "Your order " + orderId + " is cancelled");
		Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(mailsTo(customer)).hasSize(3));
		// each names its notice for good, so a copy a broken connection makes the server keep twice shows once
		assertThat(mailsTo(customer)).extracting(NotificationFnIntegrationTests::messageId)
			.containsExactlyInAnyOrder("<" + orderId + ".PLACED@fnorders.example>",
					"<" + orderId + ".CONFIRMED@fnorders.example>", "<" + orderId + ".CANCELLED@fnorders.example>");
		assertThat(mailsTo(customer)).allSatisfy(mail -> {
			assertThat(mail.getContentType()).isEqualToIgnoringCase("text/plain; charset=UTF-8");
			assertThat(mail.getFrom()).extracting(Object::toString).containsExactly("orders@fnorders.example");
			assertThat(mail.getSentDate()).isNotNull();
		});

		String history = as(customer).get("/notifications/" + customer).body();
		assertThat(JsonPath.<List<String>>read(history, "$[*].orderId")).containsOnly(orderId).hasSize(3);
		assertThat(JsonPath.<List<String>>read(history, "$[*].type")).containsExactlyInAnyOrder("PLACED", "CONFIRMED",
				"CANCELLED");
		assertThat(HttpFunctions.onPort(this.port).get("/actuator/prometheus").body())
			.containsPattern("fnorders_notifications_total\\{[^}]*outcome=\"sent\"[^}]*type=\"placed\"");
	}

	@Test
	void tellsTheCustomerWhyAnOrderWasRejected() throws Exception {
		String orderId = orderId();
		String customer = customerId();
		try (EventWriter writer = EventWriter.create()) {
			writer.send(Topics.ORDER_STATUS, EventTypes.ORDER_REJECTED, "order.rejected:" + orderId, orderId,
					new OrderRejected(orderId, customer, "insufficient stock for MUG", List.of(), email(customer)));
		}

		awaitMails(customer, 1);
		MimeMessage mail = mailsTo(customer).get(0);
		assertThat(mail.getSubject()).isEqualTo("We could not fulfil your order " + orderId);
		assertThat(mail.getContent().toString()).contains("insufficient stock for MUG");
		assertThat(mail.getRecipients(RecipientType.TO)[0].toString())
			.isEqualTo(email(customer));
	}

	@Test
	void streamsNewNotificationsOfACustomerAsServerSentEvents() throws Exception {
		String customer = customerId();
		HttpFunctions http = as(customer);
		CompletableFuture<String> firstEvent = HttpClient.newHttpClient()
			.sendAsync(http.request("/notificationStream/" + customer)
				.header("Accept", "text/event-stream")
				.timeout(Duration.ofSeconds(60))
				.build(), BodyHandlers.ofLines())
			.thenApply(response -> response.body().filter(line -> line.startsWith("data:")).findFirst().orElseThrow());

		// the stream only shows what is sent after it is open: place orders until one shows
		try (EventWriter writer = EventWriter.create()) {
			Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
				String orderId = orderId();
				writer.send(Topics.ORDERS, EventTypes.ORDER_PLACED, "order.placed:" + orderId, orderId,
						placed(orderId, customer));
				return firstEvent.isDone();
			});
		}

		assertThat(firstEvent.get(5, TimeUnit.SECONDS)).contains(customer, "\"type\":\"PLACED\"");
	}

	@Test
	void refusesTheLiveStreamToAClientThatDoesNotAskForServerSentEvents() {
		String customer = customerId();
		assertThat(as(customer).get("/notificationStream/" + customer).statusCode()).isEqualTo(406);
	}

	@Test
	void showsACustomerTheirOwnNotificationsOnly() {
		String customer = customerId();
		HttpFunctions anonymous = HttpFunctions.onPort(this.port);

		assertThat(as(customerId()).get("/notifications/" + customer).statusCode()).isEqualTo(403);
		assertThat(anonymous.get("/notifications/" + customer).statusCode()).isEqualTo(401);
		assertThat(anonymous.send(anonymous.request("/notificationStream/" + customer)
			.header("Accept", "text/event-stream")
			.build()).statusCode()).isEqualTo(401);
		assertThat(as(customer).get("/notifications").body()).as("the caller's own, named by the token alone")
			.isEqualTo("[]");
	}

	@Test
	void neverMakesAnAddressOfTheCustomerIdAndQuotesACancelReasonAsOneCappedLine() throws Exception {
		String withoutAddress = orderId();
		String cancelled = orderId();
		String customer = customerId();
		try (EventWriter writer = EventWriter.create()) {
			writer.send(Topics.ORDERS, EventTypes.ORDER_CANCELLED, "order.cancelled:" + withoutAddress, withoutAddress,
					new OrderCancelled(withoutAddress, customer + "@attacker.test", "no", null));
			writer.send(Topics.ORDERS, EventTypes.ORDER_CANCELLED, "order.cancelled:" + cancelled, cancelled,
					new OrderCancelled(cancelled, customer, "line one\r\nBcc: x@attacker.test\r\n" + "z".repeat(300),
							email(customer)));
		}

		awaitMails(customer, 1);
		String body = mailsTo(customer).get(0).getContent().toString();
		assertThat(body).contains("line one  Bcc: x@attacker.test").doesNotContain("\n" + "Bcc").contains("...");
		assertThat(body.lines().filter(line -> line.contains("z")).findFirst().orElseThrow()).hasSizeLessThan(300);
		Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(Arrays.stream(smtp.getReceivedMessages())
				.filter(mail -> subject(mail).contains(withoutAddress))).isEmpty());
	}

	private HttpFunctions as(String customer) {
		return HttpFunctions.onPort(this.port).as(TestIssuer.get().customer(customer));
	}

	private static List<String> awaitMails(String customer, int count) {
		Awaitility.await().atMost(WAIT).until(() -> mailsTo(customer).size() >= count);
		return mailsTo(customer).stream().map(NotificationFnIntegrationTests::subject).toList();
	}

	private static List<MimeMessage> mailsTo(String customer) {
		return Arrays.stream(smtp.getReceivedMessages()).filter(mail -> {
			try {
				return mail.getRecipients(RecipientType.TO)[0].toString().startsWith(customer + "@");
			}
			catch (MessagingException ex) {
				throw new IllegalStateException(ex);
			}
		}).toList();
	}

	private static String messageId(MimeMessage mail) {
		try {
			return mail.getMessageID();
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
