package io.fnorders.notification;

import static io.fnorders.notification.NotificationFixtures.customerId;
import static io.fnorders.notification.NotificationFixtures.orderId;
import static io.fnorders.notification.NotificationFixtures.placed;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.jayway.jsonpath.JsonPath;
import io.fnorders.events.EventTypes;
import io.fnorders.events.Topics;
import io.fnorders.testsupport.EventWriter;
import io.fnorders.testsupport.HttpFunctions;
import io.fnorders.testsupport.RealBrokers;
import io.fnorders.testsupport.TestIssuer;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A record dead-lettered for a reason an operator can fix (here, a sender address that is not
 * one) is replayed with the dead-letter tools once notification-fn runs with the fix,
 * and its e-mail goes out once, however often it is replayed.
 */
@RealBrokers
class DeadLetterReplayTests {

	private static final GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

	@BeforeAll
	static void startMailServer() {
		smtp.start();
	}

	@AfterAll
	static void stopMailServer() {
		smtp.stop();
	}

	@Test
	void replaysARecordDeadLetteredForAMisconfigurationOnceItIsFixedAndSendsItsEmailOnce() {
		String order = orderId();
		String customer = customerId();
		String position;
		try (ConfigurableApplicationContext misconfigured = notificationFn("orders@fnorders example");
				EventWriter writer = EventWriter.create()) {
			writer.send(Topics.ORDERS, EventTypes.ORDER_PLACED, "order.placed:" + order, order, placed(order, customer));
			HttpFunctions http = HttpFunctions.onPort(port(misconfigured)).as(TestIssuer.get().admin());
			position = Awaitility.await()
				.atMost(Duration.ofSeconds(30))
				.until(() -> positionOf(http, order), found -> found != null);
			String listing = http.get("/deadLetters/orders").body();
			Map<String, Object> letter = JsonPath.<List<Map<String, Object>>>read(listing,
					"$.deadLetters[?(@.key == '" + order + "')]").get(0);
			assertThat(letter).containsEntry("type", "order.placed")
				.containsEntry("group", "notification-fn")
				.containsEntry("originalTopic", "orders")
				.containsEntry("replays", 0);
			assertThat((String) letter.get("error")).contains("cannot be built");
		}
		assertThat(subjectsTo(customer)).isEmpty();

		try (ConfigurableApplicationContext fixed = notificationFn("orders@fnorders.example")) {
			HttpFunctions http = HttpFunctions.onPort(port(fixed)).as(TestIssuer.get().admin());
			HttpResponse<String> replay = http.post("/replayDeadLetters",
					"{\"topic\":\"orders\",\"records\":[\"%s\"]}".formatted(position));
			assertThat(replay.statusCode()).as(replay.body()).isEqualTo(200);
			assertThat(JsonPath.<Integer>read(replay.body(), "$.replayed")).isEqualTo(1);

			Awaitility.await()
				.atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(subjectsTo(customer)).containsExactly("We received your order " + order));
			assertThat(http.post("/replayDeadLetters", "{\"topic\":\"orders\",\"records\":[\"%s\"]}".formatted(position))
				.statusCode()).isEqualTo(200);
			Awaitility.await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6))
				.untilAsserted(() -> assertThat(subjectsTo(customer)).hasSize(1));
			assertThat(http.post("/replayDeadLetters", "{\"topic\":\"orders\",\"records\":[\"0:999999999\"]}").statusCode())
				.isEqualTo(404);
			assertThat(http.post("/replayDeadLetters", "{\"topic\":\"orders\"}").statusCode()).isEqualTo(400);
			assertThat(http.get("/deadLetters/nonsense").statusCode()).isEqualTo(404);
		}
	}

	private static ConfigurableApplicationContext notificationFn(String sender) {
		// as arguments: they take precedence over the service's application.yaml
		return new SpringApplicationBuilder(NotificationFnApplication.class).run("--server.port=0",
				"--fnorders.notification.key-prefix=notification-replay",
				"--fnorders.notification.from=" + sender,
				"--spring.mail.port=" + smtp.getSmtp().getPort());
	}

	private static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	/** Where the order's dead letter is, {@code <partition>:<offset>}, once there is one. */
	private static @Nullable String positionOf(HttpFunctions http, String order) {
		String listing = http.get("/deadLetters/orders").body();
		List<Object> partitions = JsonPath.read(listing, "$.deadLetters[?(@.key == '" + order + "')].partition");
		List<Object> offsets = JsonPath.read(listing, "$.deadLetters[?(@.key == '" + order + "')].offset");
		return partitions.isEmpty() ? null : partitions.get(0) + ":" + offsets.get(0);
	}

	private static List<String> subjectsTo(String customer) {
		return Arrays.stream(smtp.getReceivedMessages()).filter(mail -> {
			try {
				return mail.getRecipients(RecipientType.TO)[0].toString().startsWith(customer + "@");
			}
			catch (MessagingException ex) {
				throw new IllegalStateException(ex);
			}
		}).map(mail -> {
			try {
				return mail.getSubject();
			}
			catch (MessagingException ex) {
				throw new IllegalStateException(ex);
			}
		}).toList();
	}

}
