package io.fnorders.launcher;

import static io.fnorders.launcher.LauncherFixtures.median;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.fnorders.events.Topics;
import io.fnorders.testsupport.TestIssuer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * {@code make bench}: reservation throughput of one vs two inventory-fn processes on one broker
 * and Redis, and how long the consumer group takes to rebalance when an instance stops and when
 * one joins. Not part of {@code make test}. Results go to target/bench/scaling.txt.
 */
class ScalingBenchmark {

	private static final String INVENTORY = "inventory-fn";

	private static final int ORDERS = Integer.getInteger("bench.orders", 3000);

	private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void measureOneVersusTwoInstancesAndRebalances() throws Exception {
		LocalSettings settings = LauncherFixtures.settings(
				Map.of("product-fn", 0, INVENTORY, 1, "cart-fn", 0, "notification-fn", 0), "-Xmx384m", "-XX:+UseSerialGC");
		LocalStack stack = new LocalStack(settings, ProcessHandle.current().info().command().orElseThrow());
		List<Double> one = new ArrayList<>();
		List<Double> two = new ArrayList<>();
		List<Long> joins = new ArrayList<>();
		List<Long> leaves = new ArrayList<>();
		try {
			stack.start();
			String sku = "BENCH-" + UUID.randomUUID().toString().substring(0, 8);
			post(settings.portOf(INVENTORY, 0), "/setStock", "{\"sku\":\"%s\",\"quantity\":1000000000}".formatted(sku));
			round(settings, sku, 1000);
			for (int round = 0; round < ROUNDS; round++) {
				one.add(round(settings, sku, ORDERS));
				long joining = System.nanoTime();
				LocalStack.Instance second = stack.startInstance(INVENTORY);
				awaitMembers(settings, 2);
				joins.add(Duration.ofNanos(System.nanoTime() - joining).toMillis());
				round(settings, sku, 500);
				two.add(round(settings, sku, ORDERS));
				long leaving = System.nanoTime();
				stack.stopInstance(second);
				awaitMembers(settings, 1);
				leaves.add(Duration.ofNanos(System.nanoTime() - leaving).toMillis());
			}
		}
		finally {
			stack.stop();
		}
		String report = """
				scaling of inventory-fn (each instance: consumer concurrency 6; 12 partitions; %d one-line orders a round)
				  1 instance : median %.0f orders/s, rounds %s
				  2 instances: median %.0f orders/s, rounds %s (ratio %.2f)
				  an instance joins (start to group stable with 2 members, incl. JVM start): median %d ms, %s
				  an instance leaves (SIGTERM to group stable with 1 member): median %d ms, %s
				""".formatted(ORDERS, median(one), rounded(one), median(two), rounded(two), median(two) / median(one),
				median(joins), joins, median(leaves), leaves);
		Path out = Path.of("target", "bench", "scaling.txt");
		Files.createDirectories(out.getParent());
		Files.writeString(out, report);
		System.out.print(report);
		assertThat(two).hasSize(ROUNDS);
	}

	private static double round(LocalSettings settings, String sku, int count) {
		Set<String> orderIds = new HashSet<>();
		long start = System.nanoTime();
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(
				KafkaOperator.client(settings, Map.of(ProducerConfig.ACKS_CONFIG, "all")), new StringSerializer(),
				new StringSerializer())) {
			for (int i = 0; i < count; i++) {
				String orderId = "bench-" + UUID.randomUUID();
				orderIds.add(orderId);
				producer.send(LauncherFixtures.orderPlaced(orderId, sku));
			}
		}
		awaitOutcomes(settings, orderIds);
		return count / ((System.nanoTime() - start) / 1e9);
	}

	private static void awaitOutcomes(LocalSettings settings, Set<String> orderIds) {
		Set<String> seen = new HashSet<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
				KafkaOperator.client(settings, Map.of(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID(),
						ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")),
				new StringDeserializer(), new StringDeserializer())) {
			consumer.subscribe(List.of(Topics.ORDER_STATUS));
			long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
			while (!seen.containsAll(orderIds) && System.nanoTime() < deadline) {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
					if (orderIds.contains(record.key())) {
						seen.add(record.key());
					}
				}
			}
		}
		assertThat(seen).hasSameSizeAs(orderIds);
	}

	private static void awaitMembers(LocalSettings settings, int members) throws Exception {
		try (Admin admin = Admin.create(KafkaOperator.client(settings))) {
			long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
			while (System.nanoTime() < deadline) {
				ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(INVENTORY))
					.all()
					.get(10, TimeUnit.SECONDS)
					.get(INVENTORY);
				long consumers = group.members().stream().map(member -> member.clientId().replaceAll("-\\d+$", "")).count();
				if (group.groupState() == GroupState.STABLE && consumers == 3L * members) {
					return;
				}
				Thread.onSpinWait();
			}
		}
		throw new AssertionError("the group did not settle with " + members + " instance(s)");
	}


	private void post(int port, String path, String json) throws Exception {
		this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + TestIssuer.get().admin())
			.POST(BodyPublishers.ofString(json))
			.build(), BodyHandlers.discarding());
	}

	private static List<Long> rounded(List<Double> values) {
		return values.stream().map(Math::round).toList();
	}


}
