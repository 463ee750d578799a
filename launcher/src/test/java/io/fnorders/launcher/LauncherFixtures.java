package io.fnorders.launcher;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import io.fnorders.events.Topics;
import io.fnorders.testsupport.HttpFunctions;
import io.fnorders.testsupport.TestIssuer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;

/** Settings on free ports and hand-made order events for the launcher's tests. */
final class LauncherFixtures {

	private LauncherFixtures() {
	}

	/**
	 * A metric of one service instance as Prometheus would scrape it: the sum of the series named
	 * {@code name} whose exposition line {@code matches}.
	 */
	static double metric(HttpFunctions instance, String name, Predicate<String> matches) {
		return instance.get("/actuator/prometheus").body().lines()
			.filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
			.filter(matches)
			.mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.sum();
	}


	/**
	 * Settings for a local stack on free ports in a new temporary data directory, running the given
	 * number of instances of each function (absent functions run once).
	 */
	static LocalSettings settings(Map<String, Integer> replicas, String... jvmOptions) {
		return settings("kafka", replicas, jvmOptions);
	}

	/** The same, for a given binding ({@code kafka}, {@code rabbit}, {@code http}). */
	static LocalSettings settings(String binding, Map<String, Integer> replicas, String... jvmOptions) {
		List<String> options = new java.util.ArrayList<>(List.of(jvmOptions));
		// The functions trust this JVM's stand-in issuer, so a test mints any customer's token
		// at once; IdentityProviderChecks signs in through the real identity provider instead.
		options.add("-Dspring.security.oauth2.resourceserver.jwt.issuer-uri=" + TestIssuer.get().uri());
		options.add("-Dmanagement.tracing.sampling.probability=1.0");
		return LocalSettings.onFreePorts(Path.of("").toAbsolutePath().getParent(), binding, replicas, options);
	}

	/** An {@code order.placed} CloudEvent for one unit of {@code sku}, keyed by its orderId. */
	static ProducerRecord<String, String> orderPlaced(String orderId, String sku) {
		return orderPlaced(orderId, "launcher-test", sku);
	}

	/** The same, of a given customer. */
	static ProducerRecord<String, String> orderPlaced(String orderId, String customerId, String sku) {
		String data = """
				{"orderId":"%s","customerId":"%s","lines":[{"sku":"%s","quantity":1,"unitPrice":1.00}],\
				"total":1.00,"currency":"EUR","placedAt":"2026-11-25T10:00:00Z","email":"%s@customers.test"}"""
			.formatted(orderId, customerId, sku, customerId);
		ProducerRecord<String, String> record = new ProducerRecord<>(Topics.ORDERS, orderId, data);
		Map.of("ce_specversion", "1.0", "ce_type", "order.placed", "ce_id", "order.placed:" + orderId, "ce_source",
				"launcher-test", "ce_subject", orderId, "content-type", "application/json")
			.forEach((name, value) -> record.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8))));
		return record;
	}

	/** The middle value of a benchmark's rounds (the upper one of an even count). */
	static <T extends Comparable<T>> T median(List<T> values) {
		return values.stream().sorted().toList().get(values.size() / 2);
	}

}
