package io.fnorders.swarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.ArrayList;
import java.util.LinkedHashMap;

import com.jayway.jsonpath.JsonPath;
import io.fnorders.launcher.IdentitySignIn;
import io.fnorders.swarm.Checkouts.Line;
import io.fnorders.swarm.Checkouts.Placed;
import io.fnorders.swarm.Checkouts.Plan;
import io.fnorders.swarm.PrometheusApi.Target;
import io.fnorders.swarm.Shop.OrderView;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.jspecify.annotations.Nullable;

/**
 * The stack deployed on a running Swarm ({@code make swarm-test} makes one on this machine),
 * driven from outside as its users and operators do: HTTPS to the gateway, its one published port on localhost,
 * and the docker CLI and make targets. The steps run in order on the same stack: the order
 * story, scaling inventory-fn out, a rolling update, faults, and Prometheus last, which then
 * has seen all of it. Every wait is bounded.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(OrderAnnotation.class)
class SwarmStackTests {

	private static final Logger log = LoggerFactory.getLogger(SwarmStackTests.class);

	static final List<String> FUNCTIONS = List.of("product-fn", "inventory-fn", "cart-fn", "notification-fn");

	/** Every Kafka topic of the stack has this many partitions (bindings/kafka.yaml). */
	static final int PARTITIONS = 12;

	private final Path project = Path.of(System.getProperty("fnorders.project", ".."));

	private final Swarm swarm = new Swarm(System.getProperty("fnorders.stack", "fnorders"), this.project);

	private final Shop shop = new Shop();

	private final Outcomes outcomes = new Outcomes(this.shop);

	/** Keeps this run's skus and customers apart from anything already in the stack. */
	private final String run = UUID.randomUUID().toString().substring(0, 6);

	@Test
	@Order(1)
	void theOrderStoryThroughTheGatewayEndsInAConfirmationEmail() {
		String mug = newProduct("12.50", 10);
		String customer = "alice-" + this.run;

		String orderId = confirmedOrder(customer, mug, 2);

		assertThat(this.shop.stock(mug)).isEqualTo(new Shop.Stock(10, 2, 8));
		assertThat(this.shop.cart(customer)).isEmpty();
		String recipient = await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
			.until(() -> this.shop.notifications(customer), notifications -> notifications.size() == 2)
			.getFirst()
			.recipient();
		MailCatcher mail = new MailCatcher(this.swarm);
		await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
			.untilAsserted(() -> assertThat(mail.subjectsTo(recipient)).containsExactlyInAnyOrder(
					"We received your order " + orderId, "Your order " + orderId + " is confirmed"));

		// what the gateway and the functions answer to what they cannot serve
		var unknown = this.shop.get("/no-such-function");
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(unknown.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		var invalid = this.shop.saveProduct("SKU-" + this.run + "-bad", "1.999");
		assertThat(invalid.statusCode()).isEqualTo(400);
		assertThat(invalid.body()).contains("more decimals than EUR allows");
	}

	/**
	 * Who may call what, through the gateway: the catalog and stock are open to read; a customer's
	 * cart, orders and notifications answer their owner only (another customer's order is not
	 * found, the rest forbidden); the catalog and stock change for admins only. The tokens are
	 * signed with the identity service's key, which it publishes at its JWKS endpoint.
	 */
	@Test
	@Order(1)
	void theGatewayAnswersEachFunctionForTheCallersItIsForOnly() {
		Tokens tokens = this.shop.tokens();
		String owner = "owner-" + this.run;
		String sku = newProduct("3.00", 10);
		String orderId = confirmedOrder(owner, sku, 1);
		Shop.ok(this.shop.addItem(owner, sku, 1));
		Map<String, String> callers = new LinkedHashMap<>();
		callers.put("anonymous", null);
		callers.put("owner", tokens.customer(owner));
		callers.put("other customer", tokens.customer("other-" + this.run));
		callers.put("admin", tokens.admin());
		String line = "{\"customerId\":\"%s\",\"sku\":\"%s\",\"quantity\":1}".formatted(owner, sku);
		String stock = "{\"sku\":\"%s\",\"quantity\":10}".formatted(sku);
		String product = "{\"sku\":\"%s\",\"name\":\"Thing\",\"category\":\"kitchen\",\"price\":3,\"currency\":\"EUR\"}"
			.formatted(sku);
		// method, path, body, then the status of each caller: anonymous, owner, other customer, admin
		List<List<Object>> rows = List.of(List.of("GET", "/product/" + sku, "", 200, 200, 200, 200),
				List.of("GET", "/products", "", 200, 200, 200, 200),
				List.of("GET", "/stock/" + sku, "", 200, 200, 200, 200),
				List.of("GET", "/cart/" + owner, "", 401, 200, 403, 403),
				List.of("POST", "/addItem", line, 401, 200, 403, 403),
				List.of("POST", "/removeItem", line, 401, 200, 403, 403),
				List.of("GET", "/order/" + orderId, "", 401, 200, 404, 404),
				List.of("GET", "/notifications/" + owner, "", 401, 200, 403, 403),
				List.of("POST", "/saveProduct", product, 401, 403, 403, 200),
				List.of("POST", "/setStock", stock, 401, 403, 403, 200),
				List.of("POST", "/restock", stock, 401, 403, 403, 200),
				List.of("POST", "/cancelOrder", "{\"orderId\":\"%s\"}".formatted(orderId), 401, 200, 404, 404));
		List<String> wrong = new ArrayList<>();
		for (List<Object> row : rows) {
			int column = 3;
			for (Map.Entry<String, String> caller : callers.entrySet()) {
				String method = (String) row.get(0);
				String path = (String) row.get(1);
				int expected = (Integer) row.get(column++);
				HttpResponse<String> answer = send(method, path, (String) row.get(2), caller.getValue());
				if (answer.statusCode() != expected) {
					wrong.add(method + " " + path + " by " + caller.getKey() + ": " + answer.statusCode() + ", not "
							+ expected + " " + answer.body());
				}
				else if (expected >= 400 && !answer.headers().firstValue("Content-Type").orElse("")
					.equals("application/problem+json")) {
					wrong.add(method + " " + path + " by " + caller.getKey() + ": not problem+json");
				}
			}
		}
		assertThat(wrong).isEmpty();
		report("authorization matrix through the gateway: %d functions x %d callers as expected", rows.size(),
				callers.size());
	}

	private HttpResponse<String> send(String method, String path, String body, @Nullable String token) {
		if (token == null) {
			return method.equals("GET") ? this.shop.get(path) : Http.gateway().post(path, body, Map.of());
		}
		return method.equals("GET") ? this.shop.get(path, token) : this.shop.post(path, body, token);
	}

	/**
	 * The edge: paths that are not in normal form never reach a function (the gateway routes by
	 * the normalised path and forwards the raw one, so {@code /reserveStock/../setStock} would
	 * reach a function the gateway does not route), plain HTTP only redirects, every answer has
	 * the security headers, one client's flood is its own, a client holds a few live streams at
	 * most, and the operations tools answer admins only and are published nowhere.
	 */
	@Test
	@Order(1)
	void theGatewayForwardsOnlyNormalPathsLimitsEachClientAndKeepsTheToolsForAdmins() throws Exception {
		Http gateway = Http.gateway();
		String sku = newProduct("4.00", 5);
		Map<String, String> admin = Map.of("Authorization", "Bearer " + this.shop.tokens().admin());
		String setStock = "{\"sku\":\"%s\",\"quantity\":999}".formatted(sku);
		for (String path : List.of("/reserveStock/../setStock", "/reserveStock/%2e%2e/setStock", "/product/x%2F..%2FsetStock",
				"//setStock", "/product/./../setStock", "/product/%5c..%5csetStock")) {
			HttpResponse<String> answer = gateway.postRaw(path, setStock, admin);
			assertThat(answer.statusCode()).as(path).isEqualTo(400);
			assertThat(answer.headers().firstValue("Content-Type")).as(path).hasValue("application/problem+json");
		}
		assertThat(this.shop.stock(sku).onHand()).isEqualTo(5);

		HttpResponse<String> plain = Http.plainGateway().get("/products?limit=1");
		assertThat(plain.statusCode()).isEqualTo(308);
		assertThat(plain.headers().firstValue("Location")).hasValue(Http.gatewayAddress() + "/products?limit=1");

		HttpResponse<String> products = gateway.get("/products");
		assertThat(products.statusCode()).isEqualTo(200);
		assertThat(products.headers().map()).containsKeys("strict-transport-security", "x-content-type-options",
				"x-frame-options", "referrer-policy", "content-security-policy");
		assertThat(products.headers().allValues("x-content-type-options")).containsExactly("nosniff");

		// one customer floods reads: the excess gets 429 with Retry-After, others are served
		String flooder = this.shop.tokens().customer("flood-" + this.run);
		Map<Integer, Long> statuses;
		try (var pool = java.util.concurrent.Executors.newFixedThreadPool(16)) {
			List<java.util.concurrent.Future<HttpResponse<String>>> answers = new ArrayList<>();
			for (int i = 0; i < 400; i++) {
				answers.add(pool.submit(() -> this.shop.get("/cart", flooder)));
			}
			List<HttpResponse<String>> done = new ArrayList<>();
			for (var answer : answers) {
				done.add(answer.get());
			}
			statuses = done.stream().collect(Collectors.groupingBy(HttpResponse::statusCode, Collectors.counting()));
			HttpResponse<String> limited = done.stream().filter(answer -> answer.statusCode() == 429).findFirst().orElseThrow(
					() -> new AssertionError("400 reads of one client at once, none limited: " + statuses));
			assertThat(limited.headers().firstValue("Retry-After")).isPresent();
			assertThat(limited.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		}
		assertThat(statuses.keySet()).containsOnly(200, 429);
		assertThat(this.shop.get("/cart", this.shop.tokens().customer("calm-" + this.run)).statusCode()).isEqualTo(200);
		report("gateway: 400 reads of one client at once answered %s", statuses);

		// four live streams per client; a fifth is refused while they are open
		String watcher = this.shop.tokens().customer("watch-" + this.run);
		Map<String, String> stream = Map.of("Authorization", "Bearer " + watcher, "Accept", "text/event-stream");
		Http streams = Http.gateway();
		try {
			for (int i = 0; i < 4; i++) {
				streams.open("/notificationStream", stream);
			}
			Thread.sleep(2000);
			assertThat(streams.open("/notificationStream", stream).get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(429);
		}
		finally {
			streams.close();
		}

		// the operations tools: admins only, through the gateway; not published on this machine
		String customer = this.shop.tokens().customer("curious-" + this.run);
		for (String path : List.of("/ops/prometheus/api/v1/status/buildinfo", "/ops/mail/", "/ops/grafana/", "/ops/kibana/")) {
			HttpResponse<String> anonymous = gateway.get(path);
			assertThat(anonymous.statusCode()).as(path).isEqualTo(401);
			assertThat(anonymous.headers().firstValue("WWW-Authenticate")).as(path).hasValueSatisfying(
					value -> assertThat(value).startsWith("Bearer"));
			assertThat(gateway.get(path, Map.of("Authorization", "Bearer " + customer)).statusCode()).as(path).isEqualTo(403);
		}
		HttpResponse<String> buildInfo = gateway.get("/ops/prometheus/api/v1/status/buildinfo", admin);
		assertThat(buildInfo.statusCode()).isEqualTo(200);
		assertThat(JsonPath.<String>read(buildInfo.body(), "$.status")).isEqualTo("success");
		for (int port : List.of(8025, 9090, 3000, 5601)) {
			assertThat(published(port)).as("port %d", port).isFalse();
		}
	}

	/**
	 * Inside the stack each service is its own Redis user, with the password of its own secret:
	 * product-fn's credentials are refused cart-fn's keys and the administration commands, and
	 * every service's connections are its own user's. Spoken in RESP from inside the Redis task,
	 * which holds the secrets.
	 */
	@Test
	@Order(1)
	void eachServiceIsItsOwnRedisUserInsideTheStack() {
		String redis = this.swarm.containers("redis").getFirst();
		String asProduct = resp(redis, "redis_password_product_fn", "product-fn",
				"GET catalog:acl-probe", "GET cart:acl-probe", "FLUSHALL", "PUBLISH notification:live forged");
		List<String> answers = asProduct.lines().toList();
		assertThat(answers).as(asProduct).hasSize(5);
		assertThat(answers.subList(0, 2)).as(asProduct).containsExactly("+OK", "$-1");
		assertThat(answers.subList(2, 5)).as(asProduct).allSatisfy(answer -> assertThat(answer).startsWith("-NOPERM"));
		String clients = resp(redis, "redis_password", "default", "CLIENT LIST");
		for (String user : List.of("product-fn", "inventory-fn", "cart-fn", "notification-fn", "identity")) {
			assertThat(clients).as("connections of %s", user).contains(" user=" + user + " ");
		}
	}

	/** Commands to Redis from inside its task, signed in as {@code user} with the password of {@code secret}. */
	private String resp(String container, String secret, String user, String... commands) {
		String script = "exec 3<>/dev/tcp/127.0.0.1/6379; printf 'AUTH %s %s\\r\\n' \"$1\" \"$(cat /run/secrets/$2)\" >&3; "
				+ "shift 2; for c in \"$@\"; do printf '%s\\r\\n' \"$c\" >&3; done; printf 'QUIT\\r\\n' >&3; "
				+ "timeout 3 cat <&3 | tr -d '\\r'";
		List<String> command = new ArrayList<>(List.of("bash", "-c", script, "resp", user, secret));
		command.addAll(List.of(commands));
		String answer = this.swarm.exec(container, command.toArray(String[]::new));
		// the QUIT's +OK closes the conversation
		return answer.strip().replaceFirst("\\n\\+OK$", "");
	}

	private static boolean published(int port) {
		try (var socket = new java.net.Socket()) {
			socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 2000);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	@Test
	@Order(2)
	void threeInventoryTasksShareTheOrdersPartitionsAndABurstGetsOneOutcomePerOrder() {
		long scaling = System.nanoTime();
		this.swarm.make("scale", "FN=inventory", "N=3");
		await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2))
			.until(() -> this.swarm.replicas("inventory-fn"), "3/3"::equals);
		long running = System.nanoTime();
		Set<String> tasks = this.swarm.backendAddresses("inventory-fn");
		assertThat(tasks).hasSize(3);

		PartitionAssignment assignment = await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2))
			.ignoreExceptions()
			.until(() -> orderPartitions("inventory-fn"),
					shared -> shared.allAssigned(PARTITIONS) && shared.partitionsPerHost().keySet().equals(tasks));
		report("inventory-fn at 3 tasks %s: 3/3 healthy %.1f s after make scale, every partition assigned "
				+ "to them %.1f s later", tasks, (running - scaling) / 1e9, seconds(running));
		report("%s", assignment);
		// three consumer threads per task: 12 partitions over 9 consumers, at least 3 per task
		assertThat(assignment.partitionsPerHost().values()).allSatisfy(count -> assertThat(count).isBetween(3L, 6L));

		Map<String, Integer> onHand = newProducts(4, 150);
		List<Plan> plans = Checkouts.plans("burst-" + this.run, 1_000, List.copyOf(onHand.keySet()), 1);
		long bursting = System.nanoTime();
		Checkouts burst = Checkouts.patient(this.shop).burst(plans, 24);
		report("burst: %d customers checked out in %.1f s; %d answers were 503 and sent again %s", plans.size(),
				seconds(bursting), burst.retried(), burst.unavailable());

		assertThat(burst.failures()).isEmpty();
		assertThat(burst.placed()).hasSize(plans.size());
		Map<String, OrderView> finals = this.outcomes.awaitFinal(burst.placed(), Duration.ofMinutes(5));
		report("every order decided %.1f s after the burst began", seconds(bursting));
		// 3,000 units asked on average for 600 on hand: both outcomes must occur
		assertThat(finals.values()).extracting(OrderView::status).contains("CONFIRMED", "REJECTED");
		this.outcomes.assertOneOutcomeEach(burst.placed(), finals, Duration.ofMinutes(5));
		report("every customer told of the placed order and its outcome %.1f s after the burst began",
				seconds(bursting));
		this.outcomes.assertStockConsistent(onHand, finals.values());
	}

	@Test
	@Order(3)
	void aRollingUpdateOfCartFnUnderSteadyCheckoutsFailsNoRequestAndLosesNoOrder() {
		String sku = newProduct("4.00", 10_000);
		List<String> before = this.swarm.tasks("cart-fn");
		Checkouts steady;
		try (Checkouts checkouts = Checkouts.strict(this.shop).steadily(
				n -> new Plan("steady-" + this.run + "-" + n, List.of(new Line(sku, 1))), Duration.ofMillis(200), 3_000)) {
			steady = checkouts;
			await().atMost(Duration.ofMinutes(1)).until(() -> checkouts.attempted() >= 20);
			long updating = System.nanoTime();
			rollingUpdate("cart-fn", Duration.ofMinutes(6));
			report("rolling update of cart-fn completed in %.1f s", seconds(updating));
			int duringUpdate = checkouts.attempted();
			await().atMost(Duration.ofMinutes(1)).until(() -> checkouts.attempted() >= duringUpdate + 20);
		}
		report("steady checkouts before, during and after the update: %d, failed: %d", steady.attempted(),
				steady.failures().size());

		assertThat(this.swarm.tasks("cart-fn")).hasSize(2).doesNotContainAnyElementsOf(before);
		assertThat(steady.failures()).isEmpty();
		assertThat(steady.placed()).hasSize(steady.attempted());
		Map<String, OrderView> finals = this.outcomes.awaitFinal(steady.placed(), Duration.ofMinutes(3));
		assertThat(finals.values()).extracting(OrderView::status).containsOnly("CONFIRMED");
		this.outcomes.assertOneOutcomeEach(steady.placed(), finals, Duration.ofMinutes(5));
		this.outcomes.assertStockConsistent(Map.of(sku, 10_000), finals.values());
	}

	@Test
	@Order(4)
	void killingAnInventoryTaskMidBurstCostsNoOrderItsOutcome() throws Exception {
		Map<String, Integer> onHand = newProducts(3, 120);
		List<Plan> plans = Checkouts.plans("killed-" + this.run, 600, List.copyOf(onHand.keySet()), 4);
		Checkouts checkouts = Checkouts.patient(this.shop);
		try (checkouts) {
			CompletableFuture<Checkouts> burst = CompletableFuture.supplyAsync(() -> checkouts.burst(plans, 16));
			await().atMost(Duration.ofMinutes(2)).until(() -> checkouts.attempted() >= plans.size() / 4);
			String victim = this.swarm.containers("inventory-fn").getFirst();
			long killed = System.nanoTime();
			this.swarm.kill(victim);

			await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
				assertThat(this.swarm.replicas("inventory-fn")).isEqualTo("3/3");
				assertThat(this.swarm.containers("inventory-fn")).hasSize(3).doesNotContain(victim);
			});
			report("killed inventory-fn task %s; 3/3 healthy again after %.1f s (%d of %d customers started)",
					victim, seconds(killed), checkouts.attempted(), plans.size());
			burst.get(10, TimeUnit.MINUTES);
		}
		assertThat(checkouts.failures()).isEmpty();
		Map<String, OrderView> finals = this.outcomes.awaitFinal(checkouts.placed(), Duration.ofMinutes(5));
		this.outcomes.assertOneOutcomeEach(checkouts.placed(), finals, Duration.ofMinutes(5));
		this.outcomes.assertStockConsistent(onHand, finals.values());
	}

	@Test
	@Order(5)
	void cartsStockAndOrdersSurviveRestartsOfRedisAndKafka() {
		String sku = newProduct("9.90", 20);
		String orderId = confirmedOrder("before-restart-" + this.run, sku, 3);
		String shopper = "cart-kept-" + this.run;
		Shop.ok(this.shop.addItem(shopper, sku, 2));

		long restarting = System.nanoTime();
		for (String service : List.of("redis", "kafka")) {
			rollingUpdate(service, Duration.ofMinutes(4));
		}
		report("Redis and Kafka restarted one after the other in %.1f s", seconds(restarting));

		await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
			.untilAsserted(() -> {
				assertThat(this.shop.cart(shopper)).isEqualTo(Map.of(sku, 2));
				assertThat(this.shop.stock(sku)).isEqualTo(new Shop.Stock(20, 3, 17));
				assertThat(this.shop.order(orderId).status()).isEqualTo("CONFIRMED");
			});
		// and orders flow again once the functions have reconnected (the same key: one order)
		String key = UUID.randomUUID().toString();
		String next = await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2)).ignoreExceptions()
			.until(() -> JsonPath.<String>read(Shop.ok(this.shop.checkout(shopper, key)), "$.orderId"),
					id -> id != null);
		await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
			.until(() -> this.shop.order(next).status(), "CONFIRMED"::equals);
		report("an order was confirmed again %.1f s after the restarts began", seconds(restarting));
		assertThat(this.shop.stock(sku)).isEqualTo(new Shop.Stock(20, 5, 15));
		// the identity provider keeps its accounts in Redis too, and finds Redis's new task as
		// soon as the functions do (it once kept calling the old address until each call timed out)
		IdentitySignIn identity = new IdentitySignIn(Http.gatewayAddress().toString());
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
			.until(() -> identity.signUp("after-restart-" + this.run + "@example.com", "correct horse " + this.run));
	}

	@Test
	@Order(6)
	void prometheusScrapesEveryFunctionAndIdentityTaskAndAnswersTheBusinessCounters() throws IOException {
		PrometheusApi prometheus = new PrometheusApi(Http.gateway(), this.shop.tokens().admin());
		Map<String, Set<String>> tasks = new HashMap<>();
		// the identity provider asks to be scraped like the functions
		for (String function : Stream.concat(FUNCTIONS.stream(), Stream.of("identity")).toList()) {
			tasks.put(function, this.swarm.backendAddresses(function).stream()
				.map(address -> "http://" + address + ":8080/actuator/prometheus")
				.collect(Collectors.toSet()));
		}
		assertThat(tasks.get("inventory-fn")).hasSize(3);

		// DNS discovery refreshes every 10 s, scrapes every 15 s
		await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(5)).untilAsserted(() -> {
			List<Target> targets = prometheus.targets("functions");
			assertThat(targets).allSatisfy(target -> assertThat(target.health()).as(target.scrapeUrl()).isEqualTo("up"));
			assertThat(targets.stream().collect(Collectors.groupingBy(Target::service,
					Collectors.mapping(Target::scrapeUrl, Collectors.toSet())))).isEqualTo(tasks);
		});

		await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(5)).untilAsserted(() -> {
			assertThat(prometheus.query("sum by (status) (fnorders_orders_total)", "status"))
				.hasEntrySatisfying("placed", value -> assertThat(value).isPositive())
				.hasEntrySatisfying("confirmed", value -> assertThat(value).isPositive())
				.hasEntrySatisfying("rejected", value -> assertThat(value).isPositive());
			assertThat(prometheus.query("sum by (outcome) (fnorders_reservations_total)", "outcome"))
				.hasEntrySatisfying("confirmed", value -> assertThat(value).isPositive())
				.hasEntrySatisfying("rejected", value -> assertThat(value).isPositive());
			assertThat(prometheus.query("sum by (type) (fnorders_notifications_total{outcome=\"sent\"})", "type"))
				.hasEntrySatisfying("confirmed", value -> assertThat(value).isPositive());
		});

		// nothing this run sent was bad, and every fault above was an outage to wait out
		Map<String, Long> deadLetters = deadLettersByTopic();
		report("dead-letter topics after every step: %s", deadLetters);
		assertThat(deadLetters).containsKeys("orders.dlq", "order-status.dlq", "stock.dlq")
			.allSatisfy((topic, records) -> assertThat(records).as(topic).isZero());

		Set<String> alerts = alertNames(this.project.resolve("stack/prometheus/alerts.yml"));
		assertThat(alerts).isNotEmpty();
		Map<String, String> rules = prometheus.rules();
		assertThat(rules.keySet()).containsAll(alerts);
		assertThat(rules).allSatisfy((name, health) -> assertThat(health).as(name).isIn("ok", "unknown"));
	}

	private String newProduct(String price, int stock) {
		String sku = "SKU-" + this.run + "-" + UUID.randomUUID().toString().substring(0, 6);
		Shop.ok(available(() -> this.shop.saveProduct(sku, price)));
		Shop.ok(available(() -> this.shop.setStock(sku, stock)));
		return sku;
	}

	/** A cart of one line checked out, and the order's id once it is CONFIRMED. */
	private String confirmedOrder(String customer, String sku, int quantity) {
		Shop.ok(available(() -> this.shop.addItem(customer, sku, quantity)));
		String key = UUID.randomUUID().toString();
		String orderId = JsonPath.read(Shop.ok(available(() -> this.shop.checkout(customer, key))), "$.orderId");
		await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
			.until(() -> this.shop.order(orderId).status(), "CONFIRMED"::equals);
		return orderId;
	}

	/**
	 * A set-up request sent again while it answers 503 (for up to a minute): right after the stack
	 * comes up, Kafka may still be electing the leaders of the topics the functions created.
	 */
	private static HttpResponse<String> available(Supplier<HttpResponse<String>> request) {
		return Shop.untilAvailable(request, Duration.ofMinutes(1),
				response -> report("503 from the stack (%s); sending again", Checkouts.reasonOf(response)));
	}

	private Map<String, Integer> newProducts(int count, int stock) {
		Map<String, Integer> onHand = new HashMap<>();
		for (int n = 0; n < count; n++) {
			onHand.put(newProduct("5.00", stock), stock);
		}
		return onHand;
	}

	private PartitionAssignment orderPartitions(String group) {
		String kafka = this.swarm.containers("kafka").getFirst();
		return PartitionAssignment.parse("orders", this.swarm.exec(kafka, "env", "KAFKA_HEAP_OPTS=-Xmx64m",
				"/opt/kafka/bin/kafka-consumer-groups.sh", "--bootstrap-server", OPERATOR_LISTENER, "--command-config",
				OPERATOR_CONFIG, "--describe", "--group", group));
	}

	/**
	 * The broker authorises every request: the Kafka task granted each function's user its rules
	 * at start (stack/kafka/start-kafka.sh); product-fn may write its products and stock.dlq, and
	 * nothing of the orders. (The local tests send as each function to prove the broker refuses
	 * the rest; here the functions serving every other test prove their users sign in.)
	 */
	@Test
	@Order(1)
	void kafkaGrantedEachFunctionItsOwnTopicsOnly() {
		String kafka = this.swarm.containers("kafka").getFirst();
		String rules = this.swarm.exec(kafka, "env", "KAFKA_HEAP_OPTS=-Xmx64m", "/opt/kafka/bin/kafka-acls.sh",
				"--bootstrap-server", OPERATOR_LISTENER, "--command-config", OPERATOR_CONFIG, "--list", "--principal",
				"User:product-fn");
		assertThat(rules).contains("name=products,", "name=stock.dlq,", "name=stock,", "name=product-fn,")
			.doesNotContain("name=orders,", "name=order-status,", "name=orders.dlq,");
		assertThat(rules.lines().filter(line -> line.contains("operation=WRITE")).count()).isEqualTo(2);

		// a record forged with the catalog's credentials on a topic it does not own: signed in
		// (a wrong password would be a SaslAuthenticationException), then refused by the rules
		assertThat(sendAsProductFn(kafka, "orders")).contains("TopicAuthorizationException")
			.doesNotContain("SaslAuthenticationException");
	}

	/** Sends one record as product-fn from the Kafka task (which holds its password), with Kafka's console producer. */
	private String sendAsProductFn(String kafka, String topic) {
		String script = """
				config=$(mktemp)
				printf 'security.protocol=SASL_PLAINTEXT\nsasl.mechanism=SCRAM-SHA-512\nmax.block.ms=10000\n' > "$config"
				printf 'sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="product-fn" password="%s";\n' \
				  "$(cat /run/secrets/kafka_password_product_fn)" >> "$config"
				echo 'forged' | KAFKA_HEAP_OPTS=-Xmx64m /opt/kafka/bin/kafka-console-producer.sh --bootstrap-server kafka:9092 \
				  --producer.config "$config" --topic "$1" 2>&1
				rm -f "$config"
				""";
		return this.swarm.exec(kafka, "sh", "-c", script, "forge", topic);
	}

	/** The operator's client settings in the Kafka task, which stack/kafka/start-kafka.sh writes. */
	private static final String OPERATOR_CONFIG = "/tmp/operator.properties";

	/** The Kafka task's loopback listener, where the operator signs in (stack/docker-stack.yml). */
	private static final String OPERATOR_LISTENER = "localhost:9094";

	/** The records in each dead-letter topic: the sum of its partitions' end offsets. */
	private Map<String, Long> deadLettersByTopic() {
		String kafka = this.swarm.containers("kafka").getFirst();
		String offsets = this.swarm.exec(kafka, "env", "KAFKA_HEAP_OPTS=-Xmx64m", "/opt/kafka/bin/kafka-get-offsets.sh",
				"--bootstrap-server", OPERATOR_LISTENER, "--command-config", OPERATOR_CONFIG, "--topic", ".*\\.dlq",
				"--time", "-1");
		Map<String, Long> records = new HashMap<>();
		for (String line : offsets.lines().filter(line -> line.matches("[^:\\s]+:\\d+:\\d+")).toList()) {
			String[] fields = line.split(":");
			records.merge(fields[0], Long.parseLong(fields[2]), Long::sum);
		}
		return records;
	}

	/**
	 * The identity provider through the gateway: its discovery document names the public address
	 * as issuer, a browser without a session is sent to the login page on that address (the
	 * gateway forwards host and port), and after its task is replaced it signs with the same key
	 * (the Swarm secret), so tokens issued before stay valid.
	 */
	@Test
	@Order(7)
	void theIdentityProviderAnswersThroughTheGatewayAndKeepsItsKeyAcrossARestart() {
		Http gateway = Http.gateway();
		String issuer = Http.gatewayAddress().toString();
		var discovery = gateway.get("/.well-known/openid-configuration");
		assertThat(discovery.statusCode()).isEqualTo(200);
		assertThat(JsonPath.<String>read(discovery.body(), "$.issuer")).isEqualTo(issuer);
		assertThat(JsonPath.<String>read(discovery.body(), "$.jwks_uri")).isEqualTo(issuer + "/oauth2/jwks");
		String key = JsonPath.read(gateway.get("/oauth2/jwks").body(), "$.keys[0].kid");
		var authorize = gateway.get("/oauth2/authorize?response_type=code&client_id=cli"
				+ "&redirect_uri=http%3A%2F%2F127.0.0.1%2Fcallback&scope=openid&code_challenge_method=S256"
				+ "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", Map.of("Accept", "text/html"));
		assertThat(authorize.statusCode()).isEqualTo(302);
		assertThat(authorize.headers().firstValue("Location")).hasValue(issuer + "/login");
		var login = gateway.get("/login");
		assertThat(login.statusCode()).isEqualTo(200);
		assertThat(login.body()).contains("name=\"_csrf\"", "Sign in");

		// a customer who signs up and signs in through the pages and the code flow with PKCE, as
		// make token does, is served by the functions with the token the provider signed
		IdentitySignIn identity = new IdentitySignIn(issuer);
		String email = "signed-in-" + this.run + "@example.com";
		assertThat(identity.signUp(email, "correct horse " + this.run)).isTrue();
		String token = identity.signIn(email, "correct horse " + this.run).accessToken();
		Map<String, String> bearer = Map.of("Authorization", "Bearer " + token);
		HttpResponse<String> cart = gateway.get("/cart", bearer);
		assertThat(cart.statusCode()).as(cart.body()).isEqualTo(200);
		assertThat(JsonPath.<String>read(cart.body(), "$.customerId")).matches("c[a-z2-9]{16}");
		assertThat(gateway.get("/notifications", bearer).statusCode()).isEqualTo(200);
		assertThat(gateway.post("/setStock", "{\"sku\":\"X-1\",\"quantity\":1}", bearer).statusCode()).isEqualTo(403);
		assertThat(gateway.get("/ops/prometheus/api/v1/status/buildinfo", bearer).statusCode()).isEqualTo(403);

		long restarting = System.nanoTime();
		rollingUpdate("identity", Duration.ofMinutes(4));
		String keyAfter = await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
			.until(() -> JsonPath.<String>read(gateway.get("/oauth2/jwks").body(), "$.keys[0].kid"), kid -> kid != null);
		report("the identity provider was replaced and answered again in %.1f s", seconds(restarting));
		assertThat(keyAfter).isEqualTo(key);
	}

	/**
	 * {@code docker service update --force}: every task of the service replaced with the same
	 * specification, as its update_config says; returns once this update has completed and every
	 * task is running (a rollback or a pause fails).
	 */
	private void rollingUpdate(String service, Duration atMost) {
		String previous = this.swarm.update(service).startedAt();
		this.swarm.forceUpdate(service);
		await().atMost(atMost).pollInterval(Duration.ofSeconds(2)).until(() -> {
			Swarm.Update update = this.swarm.update(service);
			if (update.startedAt().equals(previous)) {
				return false;
			}
			assertThat(update.state()).as("update of %s", service).doesNotStartWith("rollback").isNotEqualTo("paused");
			return update.state().equals("completed");
		});
		await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2))
			.until(() -> this.swarm.replicas(service), replicas -> replicas.matches("(\\d+)/\\1"));
	}

	private static double seconds(long since) {
		return (System.nanoTime() - since) / 1e9;
	}

	/** What the run saw, in the build's output: figures for the operator, not assertions. */
	private static void report(String format, Object... args) {
		log.info(format.formatted(args));
	}

	private static Set<String> alertNames(Path rules) throws IOException {
		Matcher alert = Pattern.compile("(?m)^\\s*-\\s*alert:\\s*(\\S+)").matcher(Files.readString(rules));
		Set<String> names = new HashSet<>();
		while (alert.find()) {
			names.add(alert.group(1));
		}
		return names;
	}

}
