package io.fnorders.launcher;

import static io.fnorders.localbrokers.LocalPorts.freePort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.fnorders.events.Topics;
import io.fnorders.testsupport.TopicReader;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The broker {@code make run} starts: a real KRaft node from Kafka's jars, formatted once. */
class LocalKafkaTests {

	private static final String JAVA = ProcessHandle.current().info().command().orElseThrow();

	@TempDir
	Path dataDir;

	@Test
	void startsAKraftBrokerCreatesEveryTopicAndKeepsThemAcrossARestart() throws Exception {
		LocalSettings settings = settings();
		LocalKafka kafka = new LocalKafka(settings);
		try {
			kafka.start(JAVA);
			kafka.createTopics();
			assertThat(describe(settings, Topics.ORDERS).partitions()).hasSize(Topics.DEFAULT_PARTITIONS);
			assertThat(describe(settings, Topics.deadLetter(Topics.ORDERS)).partitions())
				.hasSize(Topics.DEFAULT_PARTITIONS);
			assertThat(cleanupPolicy(settings, Topics.PRODUCTS)).isEqualTo("compact");
			assertThat(cleanupPolicy(settings, Topics.ORDERS)).isEqualTo("delete");
			assertThat(cleanupPolicy(settings, Topics.deadLetter(Topics.PRODUCTS))).isEqualTo("delete");
			setCleanupPolicy(settings, Topics.PRODUCTS, "delete");
		}
		finally {
			stop(kafka);
		}

		LocalKafka restarted = new LocalKafka(settings);
		try {
			restarted.start(JAVA);
			restarted.createTopics();
			assertThat(describe(settings, Topics.PRODUCTS).partitions()).hasSize(Topics.DEFAULT_PARTITIONS);
			assertThat(cleanupPolicy(settings, Topics.PRODUCTS)).as("a topic made before gets its settings")
				.isEqualTo("compact");
		}
		finally {
			stop(restarted);
		}
	}

	/**
	 * The rules file is the whole truth at every start: a rule taken out of it is revoked, and a
	 * principal taken out loses its ACLs and its user.
	 */
	@Test
	void aRuleTakenOutOfTheRulesIsRevokedAtTheNextGrant(@TempDir Path rulesDir) throws Exception {
		LocalSettings settings = settings();
		LocalKafka kafka = new LocalKafka(settings);
		KafkaAccess access = KafkaAccess.of(settings);
		try {
			kafka.start(JAVA);
			kafka.createTopics();
			Path narrowed = rulesDir.resolve("acls");
			Files.write(narrowed, Files.readAllLines(settings.projectDir().resolve("stack/kafka/acls"))
				.stream()
				.filter(line -> !line.matches("cart-fn\\s+write\\s+topic\\s+orders\\s*")
						&& !line.startsWith("notification-fn"))
				.toList());
			try (Admin admin = Admin.create(kafka.operatorClient())) {
				new KafkaAccess(narrowed, settings.dataDir().resolve("kafka").resolve("passwords")).grant(admin,
						settings.kafkaBootstrapServers());
				assertThat(admin.describeAcls(AclBindingFilter.ANY).values().get(10, TimeUnit.SECONDS))
					.extracting(binding -> binding.entry().principal())
					.contains("User:cart-fn")
					.doesNotContain("User:notification-fn");
				assertThat(admin.describeUserScramCredentials().all().get(10, TimeUnit.SECONDS))
					.containsKey("cart-fn")
					.doesNotContainKey("notification-fn");
			}
			try (KafkaProducer<String, String> cartFn = producer(access.functionClient("cart-fn",
					settings.kafkaBootstrapServers()))) {
				assertThatThrownBy(() -> cartFn.send(new ProducerRecord<>(Topics.ORDERS, "revoked", "x"))
					.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(TopicAuthorizationException.class);
				assertThat(cartFn.send(new ProducerRecord<>(Topics.deadLetter(Topics.ORDER_STATUS), "kept", "x"))
					.get(10, TimeUnit.SECONDS)
					.topic()).isEqualTo(Topics.deadLetter(Topics.ORDER_STATUS));
			}
		}
		finally {
			stop(kafka);
		}
	}

	/**
	 * Each function's principal writes exactly the topics it produces and the dead-letter topics
	 * of those it consumes, and reads only in its own group; without a password, or with a wrong
	 * one, a client gets nothing at all.
	 */
	@Test
	void eachFunctionWritesOnlyItsOwnTopicsAndReadsOnlyInItsOwnGroup() throws Exception {
		LocalSettings settings = settings();
		LocalKafka kafka = new LocalKafka(settings);
		KafkaAccess access = KafkaAccess.of(settings);
		Map<String, Set<String>> writes = Map.of("product-fn", Set.of("products", "stock.dlq"), "inventory-fn",
				Set.of("order-status", "stock", "orders.dlq"), "cart-fn", Set.of("orders", "order-status.dlq", "products.dlq"),
				"notification-fn", Set.of("orders.dlq", "order-status.dlq"));
		try {
			kafka.start(JAVA);
			kafka.createTopics();
			assertThat(access.principals()).containsExactlyInAnyOrderElementsOf(writes.keySet());
			List<String> topics = Topics.ALL.stream().flatMap(topic -> Stream.of(topic, Topics.deadLetter(topic))).toList();
			for (String function : writes.keySet()) {
				try (KafkaProducer<String, String> producer = producer(access.functionClient(function,
						settings.kafkaBootstrapServers()))) {
					for (String topic : topics) {
						boolean allowed = writes.get(function).contains(topic);
						var send = producer.send(new ProducerRecord<>(topic, "acl-probe", function));
						if (allowed) {
							assertThat(send.get(10, TimeUnit.SECONDS).topic()).as("%s writes %s", function, topic)
								.isEqualTo(topic);
						}
						else {
							assertThatThrownBy(() -> send.get(10, TimeUnit.SECONDS)).as("%s writes %s", function, topic)
								.hasCauseInstanceOf(TopicAuthorizationException.class);
						}
					}
				}
			}

			// product-fn follows stock in its own group, not in another's, and never reads orders
			Map<String, Object> productFn = access.functionClient("product-fn", settings.kafkaBootstrapServers());
			assertThat(poll(productFn, "product-fn", Topics.STOCK)).isNull();
			assertThat(poll(productFn, "cart-fn", Topics.STOCK)).isInstanceOf(GroupAuthorizationException.class);
			assertThat(poll(productFn, "product-fn", Topics.ORDERS)).isInstanceOf(TopicAuthorizationException.class);

			// no credentials, or a wrong password: nothing gets through
			Map<String, Object> anonymous = new HashMap<>(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
					settings.kafkaBootstrapServers(), ProducerConfig.MAX_BLOCK_MS_CONFIG, 3000));
			try (KafkaProducer<String, String> producer = producer(anonymous)) {
				// without credentials it never gets the broker's metadata: the send times out
				assertThatThrownBy(() -> producer.send(new ProducerRecord<>(Topics.ORDERS, "forged", "x")).get())
					.satisfiesAnyOf(
							failure -> assertThat(failure)
								.isInstanceOf(org.apache.kafka.common.errors.TimeoutException.class),
							failure -> assertThat(failure)
								.hasCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class));
			}
			Map<String, Object> wrongPassword = access.functionClient("cart-fn", settings.kafkaBootstrapServers());
			wrongPassword.put(SaslConfigs.SASL_JAAS_CONFIG,
					"org.apache.kafka.common.security.scram.ScramLoginModule required username=\"cart-fn\" password=\"guess\";");
			try (KafkaProducer<String, String> producer = producer(wrongPassword)) {
				assertThatThrownBy(() -> producer.send(new ProducerRecord<>(Topics.ORDERS, "forged", "x")).get())
					.hasRootCauseInstanceOf(SaslAuthenticationException.class);
			}
			assertThat(TopicReader.recordsIn(KafkaOperator.client(settings), Topics.ORDERS))
				.as("records in orders: cart-fn's probe only").isEqualTo(1);
		}
		finally {
			stop(kafka);
		}
	}

	private static KafkaProducer<String, String> producer(Map<String, Object> client) {
		Map<String, Object> config = new HashMap<>(client);
		config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
		config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
		config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
		return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
	}

	/** What one poll of {@code topic} in {@code group} threw, or null when it was allowed. */
	private static @Nullable Exception poll(Map<String, Object> client, String group, String topic) {
		Map<String, Object> config = new HashMap<>(client);
		config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new StringDeserializer())) {
			consumer.subscribe(List.of(topic));
			long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
			while (System.nanoTime() < deadline) {
				consumer.poll(Duration.ofMillis(500));
				if (!consumer.assignment().isEmpty()) {
					return null;
				}
			}
			throw new AssertionError("No partition of " + topic + " was assigned to " + group + " within 20 s");
		}
		catch (AuthorizationException ex) {
			return ex;
		}
	}

	private LocalSettings settings() {
		return new LocalSettings(Path.of("").toAbsolutePath().getParent(), this.dataDir, freePort(), freePort(), freePort(),
				freePort(), freePort(), freePort(), "kafka", Map.of(), Map.of(), List.of());
	}

	private static String cleanupPolicy(LocalSettings settings, String topic) throws Exception {
		ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
		try (Admin admin = Admin.create(KafkaOperator.client(settings))) {
			return admin.describeConfigs(List.of(resource))
				.all()
				.get(30, TimeUnit.SECONDS)
				.get(resource)
				.get(TopicConfig.CLEANUP_POLICY_CONFIG)
				.value();
		}
	}

	private static void setCleanupPolicy(LocalSettings settings, String topic, String policy) throws Exception {
		ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
		AlterConfigOp change = new AlterConfigOp(new ConfigEntry(TopicConfig.CLEANUP_POLICY_CONFIG, policy),
				AlterConfigOp.OpType.SET);
		try (Admin admin = Admin.create(KafkaOperator.client(settings))) {
			admin.incrementalAlterConfigs(Map.of(resource, List.of(change))).all().get(30, TimeUnit.SECONDS);
		}
	}

	private static TopicDescription describe(LocalSettings settings, String topic) throws Exception {
		try (Admin admin = Admin.create(KafkaOperator.client(settings))) {
			return admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
		}
	}


	@Test
	void formatsWithClusterIdsTheStorageToolTakesForAnIdNotAnOption() {
		for (int n = 0; n < 1_000; n++) {
			String id = LocalKafka.clusterId();
			assertThat(id).doesNotStartWith("-");
			assertThat(Uuid.fromString(id).toString()).isEqualTo(id);
		}
	}

	/** Stops the broker if it started; a failed start keeps its own exception. */
	private static void stop(LocalKafka kafka) {
		ChildProcess process = kafka.process();
		if (process != null) {
			process.stop(30);
		}
	}

}
