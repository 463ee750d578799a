package io.fnorders.launcher;

import static io.fnorders.testsupport.TopicReader.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.fnorders.events.Topics;
import io.fnorders.testsupport.HttpFunctions;
import io.fnorders.testsupport.ObservedMetrics;
import io.fnorders.testsupport.TestIssuer;
import io.fnorders.testsupport.TopicReader;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicAuthorizationException;
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
	 * Each function signs in to Kafka as its own principal, which may write only what it produces:
	 * a record forged with another function's credentials (notification-fn placing an order,
	 * product-fn confirming one) is refused by the broker, so no consumer ever sees it, and the
	 * order it named stays as it was; a client without credentials gets nowhere.
	 */
	@Test
	void aRecordForgedWithAnotherFunctionsCredentialsNeverReachesAConsumer() throws Exception {
		String customer = customer();
		String orderId = confirmedOrderOf(customer);
		KafkaAccess access = KafkaAccess.of(settings());
		String forgedOrder = "forged-" + UUID.randomUUID();

		ProducerRecord<String, String> placed = LauncherFixtures.orderPlaced(forgedOrder, customer, "SKU-ANY");
		ProducerRecord<String, String> rejected = new ProducerRecord<>(Topics.ORDER_STATUS, orderId,
				"{\"orderId\":\"%s\",\"reason\":\"forged\"}".formatted(orderId));
		rejected.headers().add("ce_type", "order.rejected".getBytes(StandardCharsets.UTF_8));
		for (var forgery : Map.of("notification-fn", placed, "product-fn", rejected).entrySet()) {
			Map<String, Object> client = access.functionClient(forgery.getKey(), settings().kafkaBootstrapServers());
			client.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
			try (KafkaProducer<String, String> producer = new KafkaProducer<>(client, new StringSerializer(),
					new StringSerializer())) {
				assertThatThrownBy(() -> producer.send(forgery.getValue()).get(15, TimeUnit.SECONDS))
					.as("%s writing %s", forgery.getKey(), forgery.getValue().topic())
					.hasCauseInstanceOf(TopicAuthorizationException.class);
			}
		}
		try (KafkaProducer<String, String> anonymous = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings().kafkaBootstrapServers(),
						ProducerConfig.MAX_BLOCK_MS_CONFIG, 3000),
				new StringSerializer(), new StringSerializer())) {
			// a client without credentials never gets the broker's metadata: its send times out
			assertThatThrownBy(() -> anonymous.send(placed).get(15, TimeUnit.SECONDS)).satisfiesAnyOf(
					failure -> assertThat(failure).isInstanceOf(org.apache.kafka.common.errors.TimeoutException.class),
					failure -> assertThat(failure).hasCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class));
		}

		try (TopicReader orders = TopicReader.of(KafkaOperator.client(settings()), Topics.ORDERS);
				TopicReader statuses = TopicReader.of(KafkaOperator.client(settings()), Topics.ORDER_STATUS)) {
			assertThat(orders.readFor(Duration.ofSeconds(3), record -> forgedOrder.equals(record.key()))).isEmpty();
			assertThat(statuses.readFor(Duration.ofSeconds(3), record -> orderId.equals(record.key())))
				.extracting(record -> header(record, "ce_type"))
				.containsExactly("order.confirmed");
		}
		assertThat(get(port("cart-fn"), "/order/" + orderId, TestIssuer.get().customer(customer)).body())
			.contains("CONFIRMED");
	}

	/**
	 * Each service talks to Redis as its own user (stack/redis/users.acl) and that user reaches
	 * its own keys only: another service's keys, its scripts' keys, the other services' channel
	 * and the server's administration are refused; without a password nothing is allowed.
	 */
	@Test
	void eachServiceIsItsOwnRedisUserAndReachesOnlyItsOwnKeys() {
		Map<String, String> prefixes = Map.of("product-fn", "catalog", "inventory-fn", "inventory", "cart-fn", "cart",
				"notification-fn", "notification", LocalStack.IDENTITY, "identity");
		RedisUsers users = RedisUsers.of(settings());
		assertThat(users.names()).containsExactlyInAnyOrderElementsOf(prefixes.keySet());
		String address = "127.0.0.1:" + settings().redisPort();
		for (String user : users.names()) {
			RedisClient client = RedisClient.create("redis://" + user + ":" + users.password(user) + "@" + address);
			try (StatefulRedisConnection<String, String> connection = client.connect()) {
				RedisCommands<String, String> redis = connection.sync();
				redis.set(prefixes.get(user) + ":acl-probe", user);
				assertThat(redis.get(prefixes.get(user) + ":acl-probe")).isEqualTo(user);
				for (Map.Entry<String, String> other : prefixes.entrySet()) {
					if (!other.getKey().equals(user)) {
						String key = other.getValue() + ":acl-probe";
						assertThatExceptionOfType(RedisCommandExecutionException.class).as("%s reads %s", user, key)
							.isThrownBy(() -> redis.get(key))
							.withMessageStartingWith("NOPERM");
						assertThatExceptionOfType(RedisCommandExecutionException.class).as("%s writes %s", user, key)
							.isThrownBy(() -> redis.eval("return redis.call('SET', KEYS[1], 'x')", ScriptOutputType.STATUS,
									key))
							.withMessageContaining("NOPERM");
					}
				}
				assertThatExceptionOfType(RedisCommandExecutionException.class).isThrownBy(redis::flushall)
					.withMessageStartingWith("NOPERM");
				assertThatExceptionOfType(RedisCommandExecutionException.class).isThrownBy(() -> redis.keys("*"))
					.withMessageStartingWith("NOPERM");
				assertThatExceptionOfType(RedisCommandExecutionException.class).isThrownBy(() -> redis.configGet("*"))
					.withMessageStartingWith("NOPERM");
				if (!user.equals("notification-fn")) {
					assertThatExceptionOfType(RedisCommandExecutionException.class)
						.isThrownBy(() -> redis.publish("notification:live", "forged"))
						.withMessageStartingWith("NOPERM");
				}
			}
			finally {
				client.shutdown();
			}
		}
		RedisClient anonymous = RedisClient.create("redis://" + address);
		try (StatefulRedisConnection<String, String> connection = anonymous.connect()) {
			assertThatExceptionOfType(RedisCommandExecutionException.class).isThrownBy(() -> connection.sync().get("cart:x"))
				.withMessageStartingWith("NOAUTH");
		}
		catch (RedisConnectionException ex) {
			assertThat(ex).hasStackTraceContaining("NOAUTH");
		}
		finally {
			anonymous.shutdown();
		}
		// and the running services are connected as those users, not as the operator
		RedisClient operator = RedisClient.create(stack().redisOperatorUri());
		try (StatefulRedisConnection<String, String> connection = operator.connect()) {
			String clients = connection.sync().clientList();
			for (String user : users.names()) {
				assertThat(clients).as("connections of %s", user).contains(" user=" + user + " ");
			}
		}
		finally {
			operator.shutdown();
		}
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
		String adminPassword = LocalSecrets.read(settings().adminPasswordFile());
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
			HttpFuzz fuzz = new HttpFuzz(ExposedFunctions.of(service), callers(), 20_261_201L + service.hashCode());
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
	 * Who may call what, on make run's processes: every HTTP function of every service, called by
	 * nobody, by the customer whose resource it is, by another customer naming it, and by an
	 * admin. Reads of the catalog and stock are open; a customer's functions answer their owner
	 * only (another customer's order is not found, anything else of theirs forbidden); the
	 * catalog, stock and dead-letter tools answer admins only.
	 */
	@Test
	void answersEachFunctionForTheCallersItIsForOnly() throws Exception {
		TestIssuer issuer = TestIssuer.get();
		String owner = customer();
		String sku = saveProduct("3.00");
		setStock(sku, 10);
		addItem(owner, sku, 2);
		String orderId = checkout(owner, UUID.randomUUID().toString());
		addItem(owner, sku, 1);
		Map<String, String> callers = new LinkedHashMap<>();
		callers.put("anonymous", null);
		callers.put("owner", issuer.customer(owner));
		callers.put("other customer", issuer.customer(customer()));
		callers.put("admin", issuer.admin());
		String body = "{\"customerId\":\"%s\",\"sku\":\"%s\",\"quantity\":1}".formatted(owner, sku);
		String cancel = "{\"customerId\":\"%s\",\"orderId\":\"%s\"}".formatted(owner, orderId);
		String product = "{\"sku\":\"%s\",\"name\":\"Thing\",\"category\":\"kitchen\",\"price\":3,\"currency\":\"EUR\"}"
			.formatted(sku);
		String stock = "{\"sku\":\"%s\",\"quantity\":10}".formatted(sku);
		// expected status per caller: anonymous, owner, other customer, admin (0: any answer but 401 and 403)
		List<MatrixRow> rows = List.of(new MatrixRow("product-fn", "GET", "/product/" + sku, null, 200, 200, 200, 200),
				new MatrixRow("product-fn", "GET", "/products", null, 200, 200, 200, 200),
				new MatrixRow("inventory-fn", "GET", "/stock/" + sku, null, 200, 200, 200, 200),
				new MatrixRow("cart-fn", "GET", "/cart/" + owner, null, 401, 200, 403, 403),
				new MatrixRow("cart-fn", "POST", "/addItem", body, 401, 200, 403, 403),
				new MatrixRow("cart-fn", "POST", "/removeItem", body, 401, 200, 403, 403),
				new MatrixRow("cart-fn", "POST", "/checkout", "{\"customerId\":\"%s\"}".formatted(owner), 401, 200, 403,
						403),
				new MatrixRow("cart-fn", "GET", "/order/" + orderId, null, 401, 200, 404, 404),
				new MatrixRow("cart-fn", "POST", "/cancelOrder", "{\"orderId\":\"%s\"}".formatted(orderId), 401, 0, 404,
						404),
				new MatrixRow("cart-fn", "POST", "/cancelOrder", cancel, 401, 200, 403, 403),
				new MatrixRow("notification-fn", "GET", "/notifications/" + owner, null, 401, 200, 403, 403),
				new MatrixRow("notification-fn", "GET", "/notificationStream/" + owner, null, 401, 0, 403, 403),
				new MatrixRow("product-fn", "POST", "/saveProduct", product, 401, 403, 403, 200),
				new MatrixRow("inventory-fn", "POST", "/setStock", stock, 401, 403, 403, 200),
				new MatrixRow("inventory-fn", "POST", "/restock", stock, 401, 403, 403, 200),
				new MatrixRow("inventory-fn", "GET", "/deadLetters/order-status", null, 401, 403, 403, 200),
				new MatrixRow("inventory-fn", "POST", "/replayDeadLetters", "{\"topic\":\"order-status\",\"records\":[]}",
						401, 403, 403, 0));
		assertThat(rows.stream().map(row -> row.service() + " " + row.path().split("/")[1]).distinct().count())
			.as("every HTTP function of every service")
			.isEqualTo(this.ports.keySet().stream().mapToLong(service -> ExposedFunctions.of(service).values()
				.stream().mapToLong(List::size).sum()).sum() + 2);
		List<String> wrong = new ArrayList<>();
		for (MatrixRow row : rows) {
			int column = 0;
			for (Map.Entry<String, String> caller : callers.entrySet()) {
				int expected = row.expected()[column++];
				int status = row.send(this.ports.get(row.service()), caller.getValue());
				boolean right = (expected == 0) ? status != 401 && status != 403 && status < 500 : status == expected;
				if (!right) {
					wrong.add(row.method() + " " + row.path() + " by " + caller.getKey() + ": " + status + ", not "
							+ ((expected == 0) ? "an answer other than 401/403" : expected));
				}
			}
		}
		assertThat(wrong).isEmpty();
	}

	/** One request of the authorization matrix and the status each caller should get. */
	private record MatrixRow(String service, String method, String path, @Nullable String body, int... expected) {

		/** What {@link #send} answers for a live stream that was let in and has sent nothing yet. */
		static final int STREAM_OPEN = 0;

		int send(int port, @Nullable String token) throws Exception {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + this.path))
				.timeout(Duration.ofSeconds(20));
			if (token != null) {
				request.header("Authorization", "Bearer " + token);
			}
			boolean stream = this.path.startsWith("/notificationStream");
			if (stream) {
				// a refusal answers at once; a stream that was let in may send nothing for a while
				request.header("Accept", "text/event-stream").timeout(Duration.ofSeconds(3));
			}
			if (this.path.equals("/checkout")) {
				request.header("Idempotency-Key", UUID.randomUUID().toString());
			}
			request.method(this.method, (this.body != null) ? BodyPublishers.ofString(this.body) : BodyPublishers.noBody());
			if (this.body != null) {
				request.header("Content-Type", "application/json");
			}
			try (HttpClient client = HttpClient.newHttpClient()) {
				// headers only: a live stream that was let in stays open
				HttpResponse<InputStream> response = client.send(request.build(), BodyHandlers.ofInputStream());
				response.body().close();
				return response.statusCode();
			}
			catch (HttpTimeoutException ex) {
				if (stream) {
					return STREAM_OPEN;
				}
				throw ex;
			}
		}

	}

	/** Authorization headers of every kind of caller: admin, customers (one named as the fuzz's path argument), bad tokens. */
	private static List<String> callers() {
		TestIssuer issuer = TestIssuer.get();
		return List.of("Bearer " + issuer.admin(), "Bearer " + issuer.customer("x"), "Bearer " + issuer.customer("c-1"),
				"Bearer " + issuer.expired("x"), "Bearer " + issuer.forged("x"), "Bearer not-a-token", "Bearer ",
				"Basic YWRtaW46YWRtaW4=", "Bearer " + issuer.token("x", null, List.of("customer"), Duration.ofMinutes(5)));
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
				KafkaOperator.client(settings()),
				new StringSerializer(), new StringSerializer())) {
			producer.send(new ProducerRecord<>(Topics.ORDERS, key, "not an event"));
		}
		return key;
	}

	/**
	 * {@code make dlq} lists a record dead-lettered by inventory-fn and replays it to its topic,
	 * through cart-fn, which produces orders; being poison still, it is dead-lettered again, its
	 * replay counted. inventory-fn's own tools may not touch the orders topics: its Kafka principal
	 * reads orders in its group and writes orders.dlq, nothing more, and its tools say so with 403.
	 */
	@Test
	void makeDlqListsADeadLetterAndReplaysIt() {
		// refused whether or not the dead-letter topic holds anything: inventory-fn does not read products.dlq
		HttpResponse<String> notItsOwn = HttpFunctions.onPort(port("inventory-fn"))
			.as(TestIssuer.get().admin())
			.get("/deadLetters/products");
		assertThat(notItsOwn.statusCode()).as(notItsOwn.body()).isEqualTo(403);
		assertThat(notItsOwn.body()).contains("Kafka principal may not read products.dlq");
		String key = poisonTheOrdersDestination();
		ByteArrayOutputStream printed = new ByteArrayOutputStream();
		assertThat(DeadLetterConsole.producerOf(settings(), Topics.ORDERS)).isEqualTo("cart-fn");
		DeadLetterConsole console = new DeadLetterConsole(
				topic -> "http://localhost:" + port(DeadLetterConsole.producerOf(settings(), topic)),
				TestIssuer.get()::admin, new PrintStream(printed, true, StandardCharsets.UTF_8));
		HttpFunctions inventory = HttpFunctions.onPort(port("inventory-fn")).as(TestIssuer.get().admin());
		HttpResponse<String> refused = inventory.get("/deadLetters/orders");
		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
		assertThat(refused.body()).contains("Kafka principal may not read orders.dlq");
		HttpResponse<String> ownTopic = inventory.post("/replayDeadLetters", "{\"topic\":\"stock\",\"all\":true}");
		assertThat(ownTopic.statusCode()).as(ownTopic.body()).isEqualTo(200);
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
