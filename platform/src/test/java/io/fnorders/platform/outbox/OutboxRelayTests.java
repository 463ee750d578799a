package io.fnorders.platform.outbox;

import static io.fnorders.testsupport.TopicReader.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.fnorders.events.EventTypes;
import io.fnorders.events.OrderCancelled;
import io.fnorders.events.Topics;
import io.fnorders.testsupport.RealBrokers;
import io.fnorders.testsupport.SharedBrokers;
import io.fnorders.testsupport.TopicReader;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.connection.stream.Consumer;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The outbox relay on a real Kafka broker and Redis server, with instances of a small service
 * that publishes on the {@code orderEvents} binding: every entry reaches the topic, the events of
 * each subject in the order they were written, the shards are shared, and entries a dead relay
 * read but never acknowledged are published by the relay that takes its shard over.
 */
@RealBrokers
class OutboxRelayTests {

	private static LettuceConnectionFactory redisConnections;

	private final List<ConfigurableApplicationContext> relays = new ArrayList<>();

	@BeforeAll
	static void connectToRedis() {
		redisConnections = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration("127.0.0.1", SharedBrokers.redisPort()));
		redisConnections.afterPropertiesSet();
		redisConnections.start();
	}

	@AfterAll
	static void disconnect() {
		redisConnections.destroy();
	}

	@AfterEach
	void stopRelays() {
		this.relays.forEach(ConfigurableApplicationContext::close);
	}

	@Test
	void publishesEveryEntryOnceAndEachSubjectsEventsInTheOrderWritten() {
		String prefix = "relay-order-" + UUID.randomUUID().toString().substring(0, 8);
		ConfigurableApplicationContext first = startRelay(prefix);
		ConfigurableApplicationContext second = startRelay(prefix);
		Outbox outbox = first.getBean(Outbox.class);
		StringRedisTemplate redis = first.getBean(StringRedisTemplate.class);
		Map<String, List<String>> written = new LinkedHashMap<>();
		try (TopicReader orders = TopicReader.of(Topics.ORDERS)) {
			for (int round = 0; round < 10; round++) {
				for (int subject = 0; subject < 40; subject++) {
					String orderId = prefix + "-order-" + subject;
					String id = orderId + "#" + round;
					written.computeIfAbsent(orderId, key -> new ArrayList<>()).add(id);
					append(redis, outbox, orderId, id);
				}
			}

			List<ConsumerRecord<String, String>> published = orders.awaitCount(
					record -> record.key() != null && record.key().startsWith(prefix), 400, Duration.ofSeconds(60));

			Map<String, List<String>> seen = new LinkedHashMap<>();
			published.forEach(record -> seen.computeIfAbsent(record.key(), key -> new ArrayList<>())
				.add(header(record, "ce_id")));
			assertThat(seen).isEqualTo(written);
			assertThat(published).allSatisfy(record -> {
				assertThat(header(record, "ce_type")).isEqualTo("order.cancelled");
				assertThat(header(record, "ce_source")).isEqualTo("relay-test");
				assertThat(header(record, "ce_subject")).isEqualTo(record.key());
			});
		}
		Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			assertThat(gauge(first, "fnorders.outbox.shards.held") + gauge(second, "fnorders.outbox.shards.held"))
				.isEqualTo(8);
			assertThat(gauge(first, "fnorders.outbox.shards.held")).isPositive();
			assertThat(gauge(second, "fnorders.outbox.shards.held")).isPositive();
		});
		Awaitility.await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(gauge(first, "fnorders.outbox.depth")).isZero());
	}

	@Test
	void publishesWhatADeadRelayReadButNeverAcknowledgedWhenItsShardIsTakenOver() {
		String prefix = "relay-dead-" + UUID.randomUUID().toString().substring(0, 8);
		Outbox outbox = new Outbox(prefix, 8, "relay-test", JsonMapper.builder().build(), Clock.systemUTC(), null, null);
		StringRedisTemplate redis = new StringRedisTemplate(redisConnections);
		String orderId = prefix + "-order";
		String stream = outbox.streamOf(orderId);
		append(redis, outbox, orderId, orderId + "#0");
		append(redis, outbox, orderId, orderId + "#1");
		redis.opsForStream().createGroup(stream, ReadOffset.from("0"), OutboxRelay.GROUP);
		assertThat(redis.opsForStream()
			.read(Consumer.from(OutboxRelay.GROUP, "dead-relay"), StreamReadOptions.empty().count(10),
					StreamOffset.create(stream, ReadOffset.lastConsumed()))).hasSize(2);
		int shard = outbox.streams().indexOf(stream);
		redis.opsForValue().set(outbox.leaseOf(shard), "dead-relay", Duration.ofSeconds(2));
		append(redis, outbox, orderId, orderId + "#2");

		try (TopicReader orders = TopicReader.of(Topics.ORDERS)) {
			startRelay(prefix);

			List<ConsumerRecord<String, String>> published = orders.awaitCount(record -> orderId.equals(record.key()), 3,
					Duration.ofSeconds(30));
			assertThat(published).extracting(record -> header(record, "ce_id")).containsExactly(orderId + "#0",
					orderId + "#1", orderId + "#2");
		}
		assertThat(redis.opsForStream().pending(stream, OutboxRelay.GROUP).getTotalPendingMessages()).isZero();
		assertThat(redis.opsForStream().size(stream)).isZero();
	}

	/**
	 * Of a snapshot type's entries about one subject waiting together, only the newest is
	 * published and all are removed; entries of other types are all published.
	 */
	@Test
	void publishesOnlyTheNewestOfASubjectsWaitingSnapshots() {
		String prefix = "relay-snapshot-" + UUID.randomUUID().toString().substring(0, 8);
		Outbox outbox = new Outbox(prefix, 8, "relay-test", JsonMapper.builder().build(), Clock.systemUTC(), null, null);
		StringRedisTemplate redis = new StringRedisTemplate(redisConnections);
		String hot = prefix + "-hot";
		String other = prefix + "-other";
		for (int version = 0; version < 50; version++) {
			append(redis, outbox, hot, hot + "#" + version);
		}
		append(redis, outbox, other, other + "#0");

		try (TopicReader orders = TopicReader.of(Topics.ORDERS)) {
			ConfigurableApplicationContext relay = startRelay(prefix, "fnorders.outbox.snapshots=order.cancelled");
			List<ConsumerRecord<String, String>> published = orders.awaitCount(
					record -> record.key() != null && record.key().startsWith(prefix), 2, Duration.ofSeconds(30));
			assertThat(published).extracting(record -> header(record, "ce_id"))
				.containsExactlyInAnyOrder(hot + "#49", other + "#0");
			Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				assertThat(redis.opsForStream().size(outbox.streamOf(hot))).isZero();
				assertThat(relay.getBean(MeterRegistry.class).get("fnorders.outbox.superseded").counter().count())
					.isEqualTo(49);
			});
			// and nothing else follows
			assertThatThrownBy(() -> orders.awaitCount(record -> record.key() != null && record.key().startsWith(prefix),
					3, Duration.ofSeconds(2))).isInstanceOf(AssertionError.class);
		}
	}

	private ConfigurableApplicationContext startRelay(String prefix, String... more) {
		ConfigurableApplicationContext relay = new SpringApplicationBuilder(RelayTestApplication.class)
			.properties(properties(prefix))
			.properties(more)
			.run();
		this.relays.add(relay);
		return relay;
	}

	private static String[] properties(String prefix) {
		return new String[] { "spring.application.name=relay-test", "spring.main.web-application-type=none",
				"spring.config.import=classpath:bindings/kafka.yaml", "fnorders.outbox.key-prefix=" + prefix,
				"fnorders.outbox.lease-time=3s", "fnorders.outbox.metrics-interval=200ms",
				"spring.cloud.function.definition=", "management.tracing.sampling.probability=0" };
	}

	private static void append(StringRedisTemplate redis, Outbox outbox, String orderId, String eventId) {
		List<String> fields = outbox.entry("orderEvents", EventTypes.ORDER_CANCELLED, eventId, orderId,
				new OrderCancelled(orderId, "customer-1", "test", null));
		Map<String, String> entry = new LinkedHashMap<>();
		for (int i = 0; i < fields.size(); i += 2) {
			entry.put(fields.get(i), fields.get(i + 1));
		}
		redis.opsForStream().add(outbox.streamOf(orderId), entry);
	}

	private static double gauge(ConfigurableApplicationContext context, String name) {
		return context.getBean(MeterRegistry.class).get(name).gauge().value();
	}

	/** A service with an outbox and nothing else. */
	@SpringBootApplication
	static class RelayTestApplication {

	}

}
