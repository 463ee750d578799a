package io.fnorders.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import io.fnorders.events.Topics;
import io.fnorders.testsupport.ObservedMetrics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The order story on the local stack with Kafka, the stack's transport, and what the Swarm
 * stack's observability reads from it: the metrics its dashboards and alert rules name, and the
 * log fields its Logstash pipeline and Kibana searches use.
 */
class LocalStackTests extends OrderStoryTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Override
	String binding() {
		return "kafka";
	}

	/**
	 * {@code make run}'s identity provider: a customer signs up and signs in through its pages and
	 * the authorization code flow with PKCE (what {@code make token} does), and gets a signed JWT
	 * whose {@code sub} is their customer id; the admin signs in with the password the provider
	 * made. After a restart the account and the signing key are still there, so tokens issued
	 * before it still verify.
	 */
	@Test
	void theIdentityProviderIssuesSignedTokensAndKeepsAccountsAndKeysAcrossARestart() throws Exception {
		String issuer = settings().identityIssuer();
		IdentitySignIn identity = new IdentitySignIn(issuer);
		String email = customer() + "@example.com";
		assertThat(identity.signUp(email, "correct horse battery")).isTrue();
		assertThat(identity.signUp(email.toUpperCase(Locale.ROOT), "another password")).isFalse();

		IdentitySignIn.Tokens tokens = identity.signIn(email, "correct horse battery");
		JsonNode claims = IdentityProviderChecks.verifiedClaims(issuer, tokens.accessToken());
		assertThat(claims.path("iss").asString()).isEqualTo(issuer);
		assertThat(claims.path("sub").asString()).matches("c[a-z2-9]{16}");
		assertThat(claims.path("email").asString()).isEqualTo(email);
		assertThat(claims.path("roles").toString()).isEqualTo("[\"customer\"]");
		assertThat(IdentityProviderChecks.verifiedClaims(issuer, tokens.idToken()).path("sub").asString())
			.isEqualTo(claims.path("sub").asString());
		assertThatExceptionOfType(IdentitySignIn.SignInException.class)
			.isThrownBy(() -> identity.signIn(email, "wrong horse battery"));
		String adminPassword = Files.readString(stack().adminPasswordFile()).strip();
		JsonNode admin = IdentityProviderChecks.verifiedClaims(issuer,
				identity.signIn(LocalStack.ADMIN_EMAIL, adminPassword).accessToken());
		assertThat(admin.path("sub").asString()).isEqualTo("admin");
		assertThat(admin.path("roles").toString()).isEqualTo("[\"admin\"]");
		String keys = IdentityProviderChecks.keyIds(issuer);

		stack().stopInstance(stack().instancesOf(LocalStack.IDENTITY).getFirst());
		stack().startIdentity();

		assertThat(IdentityProviderChecks.keyIds(issuer)).isEqualTo(keys);
		assertThat(IdentityProviderChecks.verifiedClaims(issuer, tokens.accessToken()).path("sub").asString())
			.isEqualTo(claims.path("sub").asString());
		assertThat(IdentityProviderChecks
			.verifiedClaims(issuer, identity.signIn(email, "correct horse battery").accessToken())
			.path("sub")
			.asString()).isEqualTo(claims.path("sub").asString());
		assertThat(identity.signIn(LocalStack.ADMIN_EMAIL, adminPassword).accessToken()).isNotBlank();
	}

	/**
	 * The Swarm stack's Grafana dashboards and alert rules name metrics by hand. Once an order has
	 * run its course and a poison event was dead-lettered, every one of them is served by some
	 * function, so a renamed metric cannot silently empty a panel or disable an alert.
	 */
	@Test
	void everyMetricTheDashboardsAndAlertRulesReadIsExposed() throws Exception {
		confirmedOrderOf(customer());
		poisonTheOrdersDestination();
		Set<String> read = new TreeSet<>(ObservedMetrics.ofDashboards());
		read.addAll(ObservedMetrics.ofAlertRules());

		assertThat(read).contains("fnorders_orders_total", "fnorders_reservations_total", "fnorders_notifications_total",
				"fnorders_dead_letters_total", "spring_cloud_stream_binder_kafka_offset");
		Awaitility.await()
			.atMost(WAIT)
			.pollInterval(Duration.ofSeconds(1))
			.untilAsserted(() -> assertThat(ObservedMetrics.missingFrom(read, scrapeEveryFunction()))
				.isEmpty());
		// Counters the dashboards and alerts take increase() of exist at 0 before their first event
		// (nothing here fails an e-mail or dead-letters an order-status event).
		String notification = get(port("notification-fn"), "/actuator/prometheus").body();
		assertThat(notification)
			.containsPattern("(?m)^fnorders_dead_letters_total\\{[^}]*group=\"notification-fn\",[^}]*topic=\"order-status\"\\} 0\\.0$")
			.containsPattern("(?m)^fnorders_notifications_total\\{[^}]*outcome=\"failed\",[^}]*type=\"cancelled\"\\} 0\\.0$");
	}

	/**
	 * Logstash parses each log line as JSON and Kibana's saved searches show its fields: every line
	 * a function writes is one JSON object with the fields they rely on, and the lines about an
	 * order carry its orderId in each service that handled it.
	 */
	@Test
	void everyLogLineIsAJsonObjectWithTheFieldsLogstashAndKibanaUse() throws Exception {
		String customer = customer();
		String orderId = confirmedOrderOf(customer);
		awaitMails(customer, "We received your order " + orderId, "Your order " + orderId + " is confirmed");
		poisonTheOrdersDestination();
		Awaitility.await()
			.atMost(WAIT)
			.pollInterval(Duration.ofSeconds(1))
			.untilAsserted(() -> assertThat(everyLogLineAbout(orderId)).containsAll(KibanaObjects.fieldsOfSavedSearches()));
	}

	/**
	 * 600 seeded malformed and hostile requests to each service (2,400 in all): none is answered
	 * with a 5xx, every refusal is a problem, and no answer names an exception or a Java type.
	 */
	@Test
	void answersEveryMalformedOrHostileRequestWithAProblemNeverAServerError() {
		List<String> faults = new ArrayList<>();
		for (String service : this.ports.keySet()) {
			HttpFuzz fuzz = new HttpFuzz(ExposedFunctions.of(service), 20_261_201L + service.hashCode());
			for (int i = 0; i < 600; i++) {
				HttpFuzz.Attempt attempt = fuzz.next();
				HttpFuzz.Answer answer = HttpFuzz.send(port(service), attempt);
				for (String fault : HttpFuzz.faultsOf(answer)) {
					faults.add(service + " #" + i + ": " + fault + " for " + attempt.describe() + " -> "
							+ answer.body().substring(0, Math.min(200, answer.body().length())));
				}
			}
		}
		assertThat(faults).isEmpty();
	}

	/**
	 * Checks every complete line each function has logged so far, and that the ones handling an
	 * order logged its orderId.
	 * @return the names of all the fields the lines carry
	 */
	private Set<String> everyLogLineAbout(String orderId) throws IOException {
		Set<String> fields = new TreeSet<>();
		for (String function : this.ports.keySet()) {
			List<JsonNode> lines = logLines(function);
			assertThat(lines).as(function).isNotEmpty().allSatisfy(line -> {
				assertThat(line.isObject()).isTrue();
				assertThat(Instant.parse(line.path("@timestamp").asString())).isNotNull();
				assertThat(line.path("level").asString()).isIn("TRACE", "DEBUG", "INFO", "WARN", "ERROR");
				assertThat(line.path("logger_name").asString()).isNotBlank();
				assertThat(line.has("message")).isTrue();
				assertThat(line.path("service").asString()).isEqualTo(function);
			});
			lines.forEach(line -> line.propertyNames().forEach(fields::add));
			if (!function.equals("product-fn")) {
				assertThat(lines).as("lines of %s about order %s", function, orderId)
					.anySatisfy(line -> assertThat(line.path("orderId").asString()).isEqualTo(orderId));
			}
		}
		return fields;
	}

	/** Places an order of one unit of a new product in stock, and waits until it is confirmed. */
	private String confirmedOrderOf(String customer) throws Exception {
		String mug = saveProduct("12.50");
		setStock(mug, 5);
		addItem(customer, mug, 1);
		String orderId = checkout(customer, UUID.randomUUID().toString());
		awaitOrder(orderId, "CONFIRMED");
		return orderId;
	}

	/** Sends an event no function can read to the orders destination, to be dead-lettered; returns its key. */
	private String poisonTheOrdersDestination() {
		String key = "poison-" + UUID.randomUUID();
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings().kafkaBootstrapServers()),
				new StringSerializer(), new StringSerializer())) {
			producer.send(new ProducerRecord<>(Topics.ORDERS, key, "not an event"));
		}
		return key;
	}

	/**
	 * {@code make dlq} lists a record dead-lettered by inventory-fn and replays it to its topic;
	 * being poison still, it is dead-lettered again, its replay counted.
	 */
	@Test
	void makeDlqListsADeadLetterAndReplaysIt() {
		String key = poisonTheOrdersDestination();
		ByteArrayOutputStream printed = new ByteArrayOutputStream();
		DeadLetterConsole console = new DeadLetterConsole("http://localhost:" + port("inventory-fn"),
				new PrintStream(printed, true, StandardCharsets.UTF_8));
		String line = Awaitility.await().atMost(WAIT).until(() -> lineOf(console, printed, key, "inventory-fn"),
				found -> found != null);
		assertThat(line).contains("Not a CloudEvent");

		printed.reset();
		assertThat(console.run(Topics.ORDERS, line.split("\\s+")[0])).isZero();
		assertThat(printed.toString(StandardCharsets.UTF_8)).contains("replayed 1 dead letter(s) of orders");

		Awaitility.await().atMost(WAIT).untilAsserted(() -> assertThat(Arrays.stream(listing(console, printed)
			.split("\n")).filter(row -> row.contains(key) && row.contains("inventory-fn")).toList())
			.anySatisfy(row -> assertThat(row.split("\\s+")[4]).isEqualTo("1")));
	}

	/** The row of {@code make dlq}'s listing of orders about this key and group, if there is one. */
	private static @Nullable String lineOf(DeadLetterConsole console, ByteArrayOutputStream printed, String key,
			String group) {
		return Arrays.stream(listing(console, printed).split("\n"))
			.filter(row -> row.contains(key) && row.contains(group))
			.findFirst()
			.orElse(null);
	}

	private static String listing(DeadLetterConsole console, ByteArrayOutputStream printed) {
		printed.reset();
		assertThat(console.run(Topics.ORDERS)).isZero();
		return printed.toString(StandardCharsets.UTF_8);
	}

	private String scrapeEveryFunction() throws Exception {
		StringBuilder exposition = new StringBuilder();
		for (int port : this.ports.values()) {
			exposition.append(get(port, "/actuator/prometheus").body()).append('\n');
		}
		return exposition.toString();
	}

	/** The complete lines of a function's log so far (the last one may still be being written). */
	private List<JsonNode> logLines(String function) throws IOException {
		String log = Files.readString(settings().dataDir().resolve("logs").resolve(function + ".log"));
		List<JsonNode> lines = new ArrayList<>();
		log.substring(0, log.lastIndexOf('\n') + 1).lines().forEach(line -> lines.add(JSON.readTree(line)));
		return lines;
	}

}
