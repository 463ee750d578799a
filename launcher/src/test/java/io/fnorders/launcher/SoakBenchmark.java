package io.fnorders.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import io.fnorders.events.Topics;
import io.fnorders.testsupport.HttpFunctions;
import io.fnorders.testsupport.TopicReader;
import io.fnorders.testsupport.TestIssuer;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;

/**
 * {@code make soak}: at least 300,000 orders through the whole local stack over HTTP, each a new
 * customer adding a line and checking out, with Redis limited to a small {@code maxmemory}
 * ({@code noeviction}) and every lifetime shortened to a few minutes. Redis's memory is sampled
 * every few seconds: with every key kind expiring it levels off instead of filling Redis. At the
 * end every order has its outcome, every customer got both e-mails, no request failed and no
 * dead-letter topic holds anything. Not part of {@code make test}; the figures, the bytes of each
 * key kind and the memory curve (a PNG) go to {@code target/bench/}.
 */
class SoakBenchmark {

	private static final int ORDERS = Integer.getInteger("soak.orders", 300_000);

	private static final int CLIENTS = Integer.getInteger("soak.clients", 8);

	private static final String LIFETIME = System.getProperty("soak.lifetime", "3m");

	private static final String MAXMEMORY = System.getProperty("soak.maxmemory", "128mb");

	private static final int SKUS = 100;

	private static final Duration SAMPLE_EVERY = Duration.ofSeconds(5);

	private final Path reports = Path.of("target", "bench");

	@Test
	void redisMemoryLevelsOffUnderAStreamOfOrders() throws Exception {
		LocalSettings settings = LauncherFixtures.settings(Map.of(), "-Xms64m", "-Xmx384m", "-XX:+UseSerialGC",
				"-Dfnorders.cart.idle-ttl=" + LIFETIME, "-Dfnorders.cart.checkout-key-ttl=" + LIFETIME,
				"-Dfnorders.cart.order-retention=" + LIFETIME, "-Dfnorders.cart.cancel-window=" + LIFETIME,
				"-Dfnorders.inventory.reservation-retention=" + LIFETIME,
				"-Dfnorders.notification.sent-retention=" + LIFETIME,
				"-Dfnorders.notification.history-retention=" + LIFETIME,
				// the soak measures memory, not speed: spans of every Redis command would only slow it down
				"-Dmanagement.tracing.sampling.probability=0");
		LocalStack stack = new LocalStack(settings, ProcessHandle.current().info().command().orElseThrow());
		RedisClient client = RedisClient.create(stack.redisOperatorUri());
		ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
		try {
			stack.start();
			try (StatefulRedisConnection<String, String> connection = client.connect()) {
				RedisCommands<String, String> redis = connection.sync();
				redis.configSet("maxmemory", MAXMEMORY);
				redis.configSet("maxmemory-policy", "noeviction");
				HttpFunctions cart = HttpFunctions.onPort(settings.portOf("cart-fn", 0));
				List<String> skus = catalog(settings);

				AtomicLong placed = new AtomicLong();
				List<Sample> samples = new ArrayList<>();
				long start = System.nanoTime();
				sampler.scheduleAtFixedRate(() -> {
					Sample sample = Sample.of(redis, start, placed.get());
					samples.add(sample);
					System.out.printf("soak progress: %.0f s, %d orders placed, used_memory %.1f MB, %d keys%n",
							sample.seconds(), sample.placed(), sample.usedMemory() / 1e6, sample.keys());
				}, 0, SAMPLE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
				Map<String, Integer> failures = new ConcurrentHashMap<>();
				Map<String, KeyKind> kinds = new TreeMap<>();
				AtomicInteger next = new AtomicInteger();
				try (ExecutorService customers = Executors.newFixedThreadPool(CLIENTS)) {
					for (int c = 0; c < CLIENTS; c++) {
						customers.submit(() -> {
							for (int n = next.getAndIncrement(); n < ORDERS; n = next.getAndIncrement()) {
								String customer = "soak-" + n;
								String failure = order(cart, customer, skus.get(n % SKUS));
								if (failure == null) {
									placed.incrementAndGet();
								}
								else {
									failures.merge(failure, 1, Integer::sum);
								}
								if (n == ORDERS / 2) {
									synchronized (kinds) {
										kinds.putAll(KeyKind.measure(redis));
										kinds.forEach((kind, measured) -> System.out.printf(
												"soak key kind halfway: %s %d keys %.0f bytes%n", kind, measured.keys(),
												measured.meanBytes()));
									}
								}
							}
						});
					}
				}
				double loadSeconds = (System.nanoTime() - start) / 1e9;

				Awaitility.await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofSeconds(5))
					.until(() -> decided(settings) >= placed.get() && stack.mailCount() >= 2 * placed.get());
				double drainedSeconds = (System.nanoTime() - start) / 1e9;
				sampler.shutdown();
				sampler.awaitTermination(10, TimeUnit.SECONDS);

				Map<String, Long> deadLetters = new TreeMap<>();
				for (String topic : Topics.ALL) {
					deadLetters.put(Topics.deadLetter(topic),
							TopicReader.recordsIn(KafkaOperator.client(settings), Topics.deadLetter(topic)));
				}
				List<String> report = report(samples, kinds, failures, deadLetters, placed.get(), loadSeconds,
						drainedSeconds, stack.mailCount(), decided(settings));
				Files.createDirectories(this.reports);
				Files.write(this.reports.resolve("soak.txt"), report);
				report.forEach(System.out::println);
				plot(samples, this.reports.resolve("soak-redis-memory.png"));

				assertThat(failures).as("requests that did not answer 200").isEmpty();
				assertThat(placed.get()).isEqualTo(ORDERS);
				assertThat(stack.mailCount()).as("e-mails: one per order and status").isEqualTo(2L * ORDERS);
				assertThat(deadLetters).allSatisfy((topic, records) -> assertThat(records).as(topic).isZero());
			}
		}
		finally {
			sampler.shutdownNow();
			client.shutdown();
			stack.stop();
		}
	}

	/** One customer's order: a line added and a checkout; null when both answered 200, else what went wrong. */
	private static String order(HttpFunctions anonymous, String customer, String sku) {
		HttpFunctions cart = anonymous.as(TestIssuer.get().customer(customer));
		try {
			HttpResponse<String> added = cart.post("/addItem",
					"{\"customerId\":\"%s\",\"sku\":\"%s\",\"quantity\":1}".formatted(customer, sku));
			if (added.statusCode() != 200) {
				return "addItem " + added.statusCode() + " " + added.body();
			}
			HttpResponse<String> checkout = cart.send(cart.request("/checkout")
				.header("Content-Type", "application/json")
				.header("Idempotency-Key", "soak-key-" + customer)
				.POST(BodyPublishers.ofString("{\"customerId\":\"%s\"}".formatted(customer)))
				.build());
			return (checkout.statusCode() == 200) ? null : "checkout " + checkout.statusCode() + " " + checkout.body();
		}
		catch (UncheckedIOException ex) {
			return "no answer: " + ex.getMessage();
		}
	}

	/** The catalog the customers buy from: {@value #SKUS} products, each with more stock than the run takes. */
	private static List<String> catalog(LocalSettings settings) {
		HttpFunctions product = HttpFunctions.onPort(settings.portOf("product-fn", 0)).as(TestIssuer.get().admin());
		HttpFunctions inventory = HttpFunctions.onPort(settings.portOf("inventory-fn", 0)).as(TestIssuer.get().admin());
		int stock = ORDERS / SKUS + 1000;
		List<String> skus = IntStream.range(0, SKUS).mapToObj(i -> "SOAK-" + i).toList();
		for (String sku : skus) {
			assertThat(product.post("/saveProduct",
					"{\"sku\":\"%s\",\"name\":\"Soak %s\",\"category\":\"soak\",\"price\":3.20,\"currency\":\"EUR\"}"
						.formatted(sku, sku))
				.statusCode()).isEqualTo(200);
			assertThat(inventory.post("/setStock", "{\"sku\":\"%s\",\"quantity\":%d}".formatted(sku, stock)).statusCode())
				.isEqualTo(200);
		}
		// cart-fn learns of each save from products: a cart of its own shows when it has
		HttpFunctions probe = HttpFunctions.onPort(settings.portOf("cart-fn", 0)).as(TestIssuer.get().customer("soak-probe"));
		for (String sku : skus) {
			assertThat(HttpFunctions.onceFound(() -> probe.post("/addItem",
					"{\"customerId\":\"soak-probe\",\"sku\":\"%s\",\"quantity\":1}".formatted(sku)), Duration.ofSeconds(30))
				.statusCode()).isEqualTo(200);
		}
		return skus;
	}

	/** Orders cart-fn has seen decided: confirmed plus rejected, from its metrics. */
	private static double decided(LocalSettings settings) {
		return LauncherFixtures.metric(HttpFunctions.onPort(settings.portOf("cart-fn", 0)), "fnorders_orders_total",
				line -> line.contains("status=\"confirmed\"") || line.contains("status=\"rejected\""));
	}

	private static List<String> report(List<Sample> samples, Map<String, KeyKind> kinds, Map<String, Integer> failures,
			Map<String, Long> deadLetters, long placed, double loadSeconds, double drainedSeconds, long mails,
			double decided) {
		List<String> lines = new ArrayList<>();
		lines.add("soak: %,d orders by %d clients over HTTP (addItem + checkout), lifetimes %s, maxmemory %s"
			.formatted(placed, CLIENTS, LIFETIME, MAXMEMORY));
		lines.add("  load took %.0f s (%.0f orders/s); every order decided and e-mailed %.0f s after the start"
			.formatted(loadSeconds, placed / loadSeconds, drainedSeconds));
		lines.add("  decided %,.0f, e-mails %,d, failed requests %s, dead letters %s".formatted(decided, mails,
				failures.isEmpty() ? "0" : failures, deadLetters));
		long peak = samples.stream().mapToLong(Sample::usedMemory).max().orElse(0);
		int third = samples.size() / 3;
		long middle = samples.subList(third, 2 * third).stream().mapToLong(Sample::usedMemory).max().orElse(0);
		long last = samples.subList(2 * third, samples.size()).stream().mapToLong(Sample::usedMemory).max().orElse(0);
		lines.add(("  Redis used_memory: peak %.1f MB; highest of the middle third of the run %.1f MB, of the last "
				+ "third %.1f MB (ratio %.2f); keys at the peak %,d")
			.formatted(peak / 1e6, middle / 1e6, last / 1e6, (double) last / Math.max(1, middle),
					samples.stream().mapToLong(Sample::keys).max().orElse(0)));
		lines.add("  key kinds halfway (count, mean MEMORY USAGE of a sample):");
		kinds.forEach((kind, measured) -> lines.add("    %-24s %,9d keys  %6.0f bytes".formatted(kind, measured.keys(),
				measured.meanBytes())));
		KeyKind orders = kinds.get("cart:order");
		if (orders != null && orders.keys() > 0) {
			double bytes = kinds.values().stream().mapToDouble(kind -> kind.keys() * kind.meanBytes()).sum();
			lines.add("  all keys halfway over the orders kept then: %.0f bytes per order".formatted(bytes / orders.keys()));
		}
		lines.add("  samples (s, orders placed, used_memory bytes, keys):");
		samples.forEach(sample -> lines.add("    %.0f %d %d %d".formatted(sample.seconds(), sample.placed(),
				sample.usedMemory(), sample.keys())));
		return lines;
	}

	private static void plot(List<Sample> samples, Path png) throws IOException {
		System.setProperty("java.awt.headless", "true");
		XYChart chart = new XYChartBuilder().width(1000).height(520)
			.title("Redis memory during the soak (%,d orders, lifetimes %s, maxmemory %s)".formatted(ORDERS, LIFETIME,
					MAXMEMORY))
			.xAxisTitle("seconds since the start")
			.yAxisTitle("MB")
			.build();
		List<Double> seconds = samples.stream().map(Sample::seconds).toList();
		chart.addSeries("used_memory (MB)", seconds, samples.stream().map(s -> s.usedMemory() / 1e6).toList());
		XYSeries orders = chart.addSeries("orders placed (thousands)", seconds,
				samples.stream().map(s -> s.placed() / 1000.0).toList());
		orders.setYAxisGroup(1);
		chart.setYAxisGroupTitle(1, "thousand orders");
		chart.getStyler().setMarkerSize(0);
		BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
	}

	/** Redis's memory and key count at a moment of the run. */
	private record Sample(double seconds, long placed, long usedMemory, long keys) {

		static Sample of(RedisCommands<String, String> redis, long start, long placed) {
			String memory = redis.info("memory");
			long used = memory.lines()
				.filter(line -> line.startsWith("used_memory:"))
				.mapToLong(line -> Long.parseLong(line.substring("used_memory:".length()).trim()))
				.findFirst()
				.orElseThrow();
			return new Sample((System.nanoTime() - start) / 1e9, placed, used, redis.dbsize());
		}

	}

	/**
	 * The keys of one kind (the first two parts of the name, such as {@code cart:order}): how many,
	 * and the mean of {@code MEMORY USAGE} over a sample of them.
	 */
	private record KeyKind(long keys, double meanBytes) {

		private static final int SAMPLED = 200;

		static Map<String, KeyKind> measure(RedisCommands<String, String> redis) {
			Map<String, Long> counts = new TreeMap<>();
			Map<String, List<Long>> sizes = new TreeMap<>();
			ScanCursor cursor = ScanCursor.INITIAL;
			do {
				KeyScanCursor<String> page = redis.scan(cursor, ScanArgs.Builder.limit(1000));
				for (String key : page.getKeys()) {
					String kind = kindOf(key);
					counts.merge(kind, 1L, Long::sum);
					List<Long> sampled = sizes.computeIfAbsent(kind, k -> new ArrayList<>());
					if (sampled.size() < SAMPLED) {
						Long bytes = redis.memoryUsage(key);
						if (bytes != null) {
							sampled.add(bytes);
						}
					}
				}
				cursor = page;
			}
			while (!cursor.isFinished());
			Map<String, KeyKind> kinds = new TreeMap<>();
			counts.forEach((kind, count) -> kinds.put(kind, new KeyKind(count,
					sizes.get(kind).stream().mapToLong(Long::longValue).average().orElse(0))));
			return kinds;
		}

		private static String kindOf(String key) {
			String[] parts = key.split(":");
			return (parts.length < 2) ? key : parts[0] + ":" + parts[1];
		}

	}

}
