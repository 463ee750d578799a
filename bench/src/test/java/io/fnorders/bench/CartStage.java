package io.fnorders.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.jayway.jsonpath.JsonPath;
import io.fnorders.testsupport.HttpFunctions;
import io.fnorders.testsupport.TestIssuer;

/**
 * cart-fn's two busiest functions: {@code POST /addItem} under wrk (a Lua script spreads the
 * requests over {@value #CUSTOMERS} signed-in customers and {@value #SKUS} products, so no cart
 * reaches its limits), and checkout, {@value #CONNECTIONS} customers each adding a line and
 * checking out in turn as fast as the answers come, and how soon one customer's order shows
 * CONFIRMED after the checkout. Beside them, Redis's own GET rate at the same
 * concurrency: the floor under a cart change.
 */
final class CartStage {

	static final int CONNECTIONS = 16;

	private static final int CUSTOMERS = 1_000;

	private static final int SKUS = 10;

	private static final int CONFIRMED_ORDERS = 300;

	private final String cartFn;

	private final String redisUri;

	private final Duration warmUp;

	private final Duration round;

	private final int rounds;

	CartStage(String cartFn, String redisUri, Duration warmUp, Duration round, int rounds) {
		this.cartFn = cartFn;
		this.redisUri = redisUri;
		this.warmUp = warmUp;
		this.round = round;
		this.rounds = rounds;
	}

	void run(HttpFunctions products, HttpFunctions inventory, BenchReport report) {
		List<String> skus = IntStream.range(0, SKUS).mapToObj(i -> "BENCH-CART-" + i).toList();
		for (String sku : skus) {
			require(products.post("/saveProduct", """
					{"sku":"%s","name":"Bench cup","category":"kitchen","price":4.25,"currency":"EUR"}""".formatted(sku)),
					"saving " + sku);
			require(inventory.post("/setStock", "{\"sku\":\"%s\",\"quantity\":1000000000}".formatted(sku)),
					"stocking " + sku);
		}
		awaitKnownToCart(skus);
		Path script = addItemScript(skus);
		String url = this.cartFn + "/addItem";
		Wrk.warmUp(url, CONNECTIONS, this.warmUp, script);
		checkoutsPerSecond(this.warmUp.dividedBy(3));
		Rounds addRate = new Rounds();
		Rounds addP99 = new Rounds();
		Rounds checkouts = new Rounds();
		Rounds redis = new Rounds();
		for (int i = 0; i < this.rounds; i++) {
			Wrk.Result adds = Wrk.run(url, CONNECTIONS, this.round, script);
			addRate.add(adds.requestsPerSecond());
			addP99.add(adds.p99Millis());
			checkouts.add(checkoutsPerSecond(this.round));
			redis.add(RedisBaseline.getsPerSecond(this.redisUri, CONNECTIONS, 200_000));
		}
		report.add(new Row("POST /addItem, 16 connections", "req/s", addRate, "Redis GET (redis-benchmark)", redis,
				"≥ 5,000 req/s, no call to product-fn"));
		report.add(Row.of("POST /addItem, p99", "ms", addP99, ""));
		report.add(new Row("addItem + checkout, 16 customers in turn", "checkouts/s", checkouts,
				"Redis GET (redis-benchmark)", redis, "≥ 2,000 checkouts/s"));
		Rounds confirmedP50 = new Rounds();
		Rounds confirmedP99 = new Rounds();
		for (int i = 0; i < this.rounds; i++) {
			List<Double> latencies = checkoutToConfirmed(CONFIRMED_ORDERS);
			confirmedP50.add(ReservationStage.percentile(latencies, 0.50));
			confirmedP99.add(ReservationStage.percentile(latencies, 0.99));
		}
		String confirmed = "HTTP checkout → CONFIRMED at GET /order/{id}, one customer, %d orders in turn"
			.formatted(CONFIRMED_ORDERS);
		report.add(Row.of(confirmed + ", p50", "ms", confirmedP50, ""));
		report.add(Row.of(confirmed + ", p99", "ms", confirmedP99, "≤ 50 ms"));
	}

	/**
	 * One customer adds a line, checks out and reads the order until it is CONFIRMED, then again:
	 * each order's time from sending the checkout to the first read that shows it confirmed.
	 */
	private List<Double> checkoutToConfirmed(int orders) {
		String customer = "bench-confirmed-" + UUID.randomUUID().toString().substring(0, 8);
		HttpFunctions cart = HttpFunctions.at(this.cartFn)
			.as(TestIssuer.get().token(customer, customer + "@customers.test", List.of("customer"), Duration.ofHours(1)));
		List<Double> latencies = new ArrayList<>();
		for (int i = 0; i < orders; i++) {
			require(cart.post("/addItem", "{\"customerId\":\"%s\",\"sku\":\"BENCH-CART-%d\",\"quantity\":1}"
				.formatted(customer, i % SKUS)), "addItem");
			long started = System.nanoTime();
			HttpResponse<String> placed = cart.send(cart.request("/checkout")
				.header("Content-Type", "application/json")
				.header("Idempotency-Key", UUID.randomUUID().toString())
				.POST(BodyPublishers.ofString("{\"customerId\":\"%s\"}".formatted(customer)))
				.build());
			require(placed, "checkout");
			String orderId = JsonPath.read(placed.body(), "$.orderId");
			long deadline = started + Duration.ofSeconds(30).toNanos();
			while (!JsonPath.<String>read(require(cart.get("/order/" + orderId), "GET /order").body(), "$.status")
				.equals("CONFIRMED")) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("order " + orderId + " was not CONFIRMED within 30 s");
				}
				Tools.sleep(Duration.ofMillis(1));
			}
			latencies.add((System.nanoTime() - started) / 1e6);
		}
		return latencies;
	}

	/** cart-fn learns of each product from {@code products}: a cart of the bench's own shows when. */
	private void awaitKnownToCart(List<String> skus) {
		HttpFunctions probe = HttpFunctions.at(this.cartFn).as(TestIssuer.get().customer("bench-probe"));
		for (String sku : skus) {
			require(HttpFunctions.onceFound(() -> probe.post("/addItem",
					"{\"customerId\":\"bench-probe\",\"sku\":\"%s\",\"quantity\":1}".formatted(sku)), Duration.ofSeconds(30)),
					"cart-fn learning of " + sku);
		}
	}

	/**
	 * The wrk script: each request adds one unit of the next product to the next customer's cart,
	 * as that customer. wrk's two threads start at different customers.
	 */
	private Path addItemScript(List<String> skus) {
		TestIssuer issuer = TestIssuer.get();
		String customers = IntStream.range(0, CUSTOMERS)
			.mapToObj(i -> "bench-cart-" + i)
			.map(id -> "{\"%s\",\"%s\"}".formatted(id, issuer.token(id, id + "@customers.test", List.of("customer"),
					Duration.ofHours(1))))
			.collect(Collectors.joining(",\n  "));
		String lua = """
				local customers = {
				  %s
				}
				local skus = { %s }
				local threads = 0
				function setup(thread)
				  thread:set("first", threads * %d)
				  threads = threads + 1
				end
				local n = 0
				function init(args)
				  n = first
				end
				function request()
				  n = n + 1
				  local customer = customers[(n %% #customers) + 1]
				  local sku = skus[(math.floor(n / #customers) %% #skus) + 1]
				  local body = '{"customerId":"' .. customer[1] .. '","sku":"' .. sku .. '","quantity":1}'
				  return wrk.format("POST", nil, { ["Content-Type"] = "application/json",
				    ["Authorization"] = "Bearer " .. customer[2] }, body)
				end
				""".formatted(customers, skus.stream().map(sku -> "\"" + sku + "\"").collect(Collectors.joining(", ")),
				CUSTOMERS / 2);
		try {
			Path script = Files.createDirectories(Path.of("target", "bench")).resolve("add-item.lua");
			Files.writeString(script, lua, StandardCharsets.UTF_8);
			return script;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * {@value #CONNECTIONS} customers, each adding a line and checking it out, then again, for
	 * {@code duration}; any answer but 200 fails the stage.
	 */
	private double checkoutsPerSecond(Duration duration) {
		AtomicBoolean running = new AtomicBoolean(true);
		List<Future<Integer>> shoppers = new ArrayList<>();
		long started = System.nanoTime();
		try (ExecutorService threads = Executors.newFixedThreadPool(CONNECTIONS)) {
			for (int i = 0; i < CONNECTIONS; i++) {
				String customer = "bench-checkout-" + i + "-" + UUID.randomUUID().toString().substring(0, 8);
				HttpFunctions cart = HttpFunctions.at(this.cartFn)
					.as(TestIssuer.get().token(customer, customer + "@customers.test", List.of("customer"),
							Duration.ofHours(1)));
				shoppers.add(threads.submit(() -> shop(cart, customer, running)));
			}
			Tools.sleep(duration);
			running.set(false);
			int done = 0;
			for (Future<Integer> shopper : shoppers) {
				done += shopper.get();
			}
			return done / ((System.nanoTime() - started) / 1e9);
		}
		catch (Exception ex) {
			throw new IllegalStateException("The checkout load failed", ex);
		}
	}

	private static int shop(HttpFunctions cart, String customer, AtomicBoolean running) {
		int checkouts = 0;
		while (running.get()) {
			require(cart.post("/addItem", "{\"customerId\":\"%s\",\"sku\":\"BENCH-CART-%d\",\"quantity\":1}"
				.formatted(customer, checkouts % SKUS)), "addItem");
			require(cart.send(cart.request("/checkout")
				.header("Content-Type", "application/json")
				.header("Idempotency-Key", UUID.randomUUID().toString())
				.POST(BodyPublishers.ofString("{\"customerId\":\"%s\"}".formatted(customer)))
				.build()), "checkout");
			checkouts++;
		}
		return checkouts;
	}

	private static HttpResponse<String> require(HttpResponse<String> answer, String what) {
		if (answer.statusCode() != 200) {
			throw new IllegalStateException(what + " answered " + answer.statusCode() + ": " + answer.body());
		}
		return answer;
	}

}
