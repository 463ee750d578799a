package io.fnorders.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fnorders.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code make run} does, on free ports: Kafka, Redis and the four function jars as their
 * own processes, every one ready, the catalog answering and its event on Kafka; then everything
 * stopped.
 */
class LocalStackTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@TempDir
	Path dataDir;

	@Test
	void bringsUpTheWholeSystemAndStopsAllOfIt() throws Exception {
		Map<String, Integer> functionPorts = new LinkedHashMap<>();
		for (String function : LocalSettings.FUNCTIONS) {
			functionPorts.put(function, freePort());
		}
		LocalSettings settings = new LocalSettings(Path.of("").toAbsolutePath().getParent(), this.dataDir, freePort(),
				freePort(), freePort(), "kafka", functionPorts, List.of("-Xmx256m", "-XX:+UseSerialGC",
						"-XX:TieredStopAtLevel=1"));
		LocalStack stack = new LocalStack(settings, ProcessHandle.current().info().command().orElseThrow());
		try {
			stack.start();

			for (int port : functionPorts.values()) {
				assertThat(get(port, "/actuator/health/readiness").statusCode()).isEqualTo(200);
			}
			int product = functionPorts.get("product-fn");
			HttpResponse<String> saved = post(product, "/saveProduct", """
					{"sku":"LOCAL-1","name":"Teapot","category":"kitchen","price":25,"currency":"EUR"}
					""");
			assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
			assertThat(get(product, "/product/LOCAL-1").body()).contains("\"name\":\"Teapot\"");
			assertThat(readKeys(settings, Topics.PRODUCTS)).contains("LOCAL-1");

			int inventory = functionPorts.get("inventory-fn");
			assertThat(post(inventory, "/setStock", "{\"sku\":\"LOCAL-1\",\"quantity\":6}").statusCode())
				.isEqualTo(200);
			awaitBody(product, "/product/LOCAL-1", "\"availability\":{\"available\":6,\"inStock\":true}");
		}
		finally {
			stack.stop();
		}

		assertThat(Waits.portOpen(settings.kafkaPort())).isFalse();
		assertThat(Waits.portOpen(settings.redisPort())).isFalse();
		for (int port : functionPorts.values()) {
			assertThat(Waits.portOpen(port)).isFalse();
		}
	}

	/** Polls until the body of {@code GET path} contains {@code expected}: events cross services. */
	private void awaitBody(int port, String path, String expected) {
		Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(200))
			.untilAsserted(() -> assertThat(get(port, path).body()).contains(expected));
	}

	private List<String> readKeys(LocalSettings settings, String topic) {
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafkaBootstrapServers(),
						ConsumerConfig.GROUP_ID_CONFIG, "local-stack-test", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
						"earliest"),
				new StringDeserializer(), new StringDeserializer())) {
			consumer.subscribe(List.of(topic));
			List<String> keys = new ArrayList<>();
			long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
			while (keys.isEmpty() && System.nanoTime() < deadline) {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
					keys.add(record.key());
				}
			}
			return keys;
		}
	}

	private HttpResponse<String> get(int port, String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
				BodyHandlers.ofString());
	}

	private HttpResponse<String> post(int port, String path, String json) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(json))
			.build(), BodyHandlers.ofString());
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
