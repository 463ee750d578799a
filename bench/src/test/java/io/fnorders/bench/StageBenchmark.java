package io.fnorders.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.fnorders.launcher.LocalSystem;
import io.fnorders.testsupport.HttpFunctions;
import io.fnorders.testsupport.TestIssuer;
import org.junit.jupiter.api.Test;

/**
 * {@code make bench}: the system as {@code make run} starts it (one instance per function), each
 * stage measured beside its baseline in the same run, medians of several rounds; the report goes
 * to {@code bench/target/bench/report.md} with a chart beside it. Not part of {@code make test}
 * (the name matches no test pattern). Rounds and lengths: {@code -Dbench.rounds},
 * {@code -Dbench.seconds} (one HTTP round), {@code -Dbench.orders} (one burst); which stages:
 * {@code -Dbench.emails} (e-mails a round), {@code -Dbench.stages=catalog,cart,reservations,latency,email}; JVM options of the functions to try beside
 * make run's own: {@code -Dbench.jvm-options="-Xmx128m ..."}.
 */
class StageBenchmark {

	private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);

	private static final Duration ROUND = Duration.ofSeconds(Integer.getInteger("bench.seconds", 20));

	private static final Duration WARM_UP = Duration.ofSeconds(Integer.getInteger("bench.warmup", 30));

	private static final int ORDERS = Integer.getInteger("bench.orders", 20_000);

	private static final int EMAILS = Integer.getInteger("bench.emails", 5_000);

	private static final int STEADY_RATE = Integer.getInteger("bench.rate", 500);

	private static final Duration STEADY = Duration.ofSeconds(Integer.getInteger("bench.steady-seconds", 60));

	/** The stages to run, by name: catalog, cart, reservations, latency, email (all by default). */
	private static final List<String> STAGES = List.of(System.getProperty("bench.stages", "catalog,cart,reservations,latency,email")
		.split(","));

	@Test
	void measureEveryStage() throws Exception {
		BenchReport report = new BenchReport();
		// notification-fn is left out: its e-mails would take the cores the other stages measure; the
		// e-mail stage runs it alone afterwards
		List<String> options = new ArrayList<>(List.of(
				"-Dspring.security.oauth2.resourceserver.jwt.issuer-uri=" + TestIssuer.get().uri(),
				"-Dfnorders.bench.baseline-handler=true"));
		String more = System.getProperty("bench.jvm-options", "").strip();
		if (!more.isEmpty()) {
			options.addAll(List.of(more.split("\\s+")));
		}
		if (STAGES.stream().anyMatch(List.of("catalog", "cart", "reservations", "latency")::contains)) {
			try (LocalSystem system = LocalSystem.start(Path.of("").toAbsolutePath().getParent(),
					Map.of("notification-fn", 0), options)) {
				String admin = TestIssuer.get().admin();
				HttpFunctions products = HttpFunctions.at(system.url("product-fn")).as(admin);
				HttpFunctions inventory = HttpFunctions.at(system.url("inventory-fn")).as(admin);

				if (STAGES.contains("catalog")) {
					new CatalogStage(system.url("product-fn"), system.redisOperatorUri(), WARM_UP, ROUND, ROUNDS)
						.run(products, report);
				}
				if (STAGES.contains("cart")) {
					new CartStage(system.url("cart-fn"), system.redisOperatorUri(), WARM_UP, ROUND, ROUNDS).run(products,
							inventory, report);
				}
				String sku = "BENCH-STOCK";
				assertThat(inventory.post("/setStock", "{\"sku\":\"%s\",\"quantity\":1000000000}".formatted(sku))
					.statusCode()).isEqualTo(200);
				ReservationStage reservations = new ReservationStage(system.kafkaOperatorClient(), system::cpuSeconds,
						system.redisOperatorUri(), ORDERS, ROUNDS);
				if (STAGES.contains("reservations")) {
					reservations.runBurst(sku, report);
				}
				if (STAGES.contains("latency")) {
					reservations.runSteady(sku, STEADY_RATE, STEADY, report);
				}

				report.memory(system.residentMemory());
			}
		}
		if (STAGES.contains("email")) {
			// a system of its own, with a fresh Kafka: notification-fn alone, none of the other functions
			Map<String, Integer> notificationOnly = new HashMap<>();
			LocalSystem.functions().forEach(function -> notificationOnly.put(function, 0));
			notificationOnly.put("notification-fn", 1);
			try (LocalSystem system = LocalSystem.start(Path.of("").toAbsolutePath().getParent(), notificationOnly,
					options)) {
				new EmailStage(system.kafkaOperatorClient(), system.smtpPort(),
						HttpFunctions.at(system.url("notification-fn")).as(TestIssuer.get().admin()), EMAILS, ROUNDS)
					.run(report);
				report.memory(system.residentMemory());
			}
		}
		Path written = report.write(Path.of("target", "bench"));
		System.out.println("bench: report in " + written.toAbsolutePath());
		assertThat(written).exists();
	}

}
