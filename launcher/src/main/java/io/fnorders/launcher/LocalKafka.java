package io.fnorders.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.fnorders.events.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jspecify.annotations.Nullable;

/**
 * A single-node Kafka cluster in KRaft mode (broker and controller in one process), run from
 * Kafka's own jars on the launcher's classpath. Its log directory is formatted once and kept, so
 * topics and records survive a restart of {@code make run}. Every client signs in (SASL) and may
 * do only what the ACLs of {@link KafkaAccess} allow its principal, as in the stack.
 */
final class LocalKafka {

	private final LocalSettings settings;

	private final Path home;

	private final KafkaAccess access;

	private @Nullable ChildProcess process;

	LocalKafka(LocalSettings settings) {
		this.settings = settings;
		this.home = settings.dataDir().resolve("kafka");
		this.access = KafkaAccess.of(settings);
	}

	void start(String java) {
		Path config = writeConfig();
		if (!Files.exists(this.home.resolve("data").resolve("meta.properties"))) {
			format(java, config);
		}
		this.process = ChildProcess.start("kafka", kafkaCommand(java, "kafka.Kafka", config.toString()), Map.of(),
				this.settings.dataDir().resolve("logs").resolve("kafka.log"));
		Waits.until("Kafka on port " + this.settings.kafkaPort(), Duration.ofSeconds(60), this.process::isAlive,
				() -> Waits.portOpen(this.settings.kafkaPort()));
	}

	/**
	 * Creates every event topic and its dead-letter topic with the default partition count and the
	 * topic's settings ({@link Topics#settings}, also given to a topic an earlier start made), each
	 * function's user and what it may do ({@link KafkaAccess}), and the operator's settings file
	 * for Kafka's command-line tools.
	 */
	void createTopics() {
		List<NewTopic> topics = new ArrayList<>();
		for (String topic : Topics.ALL) {
			topics.add(new NewTopic(topic, Topics.DEFAULT_PARTITIONS, (short) 1).configs(Topics.settings(topic)));
			topics.add(new NewTopic(Topics.deadLetter(topic), Topics.DEFAULT_PARTITIONS, (short) 1));
		}
		try (Admin admin = Admin.create(operatorClient())) {
			for (NewTopic topic : topics) {
				if (!create(admin, topic)) {
					settle(admin, topic);
				}
			}
			this.access.grant(admin, this.settings.kafkaBootstrapServers());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while creating topics", ex);
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException("Kafka did not create the topics within 30 s", ex);
		}
		this.access.writeOperatorProperties(operatorProperties(), this.settings.kafkaBootstrapServers());
	}

	/** @return whether the topic was made now; false when an earlier start made it */
	private static boolean create(Admin admin, NewTopic topic) throws InterruptedException, TimeoutException {
		try {
			admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
			return true;
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof TopicExistsException) {
				return false;
			}
			throw new IllegalStateException("Cannot create topic " + topic.name(), ex.getCause());
		}
	}

	/** Gives a topic made by an earlier start the settings it is created with now. */
	private static void settle(Admin admin, NewTopic topic) throws InterruptedException, TimeoutException {
		if (topic.configs() == null || topic.configs().isEmpty()) {
			return;
		}
		List<AlterConfigOp> changes = topic.configs()
			.entrySet()
			.stream()
			.map(setting -> new AlterConfigOp(new ConfigEntry(setting.getKey(), setting.getValue()), AlterConfigOp.OpType.SET))
			.toList();
		try {
			admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, topic.name()), changes))
				.all()
				.get(30, TimeUnit.SECONDS);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("Cannot set " + topic.configs() + " on topic " + topic.name(), ex.getCause());
		}
	}

	/** The client settings of the operator, a super user: the tests' and the tools'. */
	Map<String, Object> operatorClient() {
		return this.access.operatorClient(this.settings.kafkaBootstrapServers());
	}

	/** The operator's settings as a file, for Kafka's command-line tools ({@code --command-config}). */
	Path operatorProperties() {
		return this.home.resolve("operator.properties");
	}

	/** The broker process, once {@link #start} ran. */
	@Nullable ChildProcess process() {
		return this.process;
	}

	/** Stops the broker gracefully; {@link #start} brings it back with its data. */
	void stop() {
		ChildProcess broker = this.process;
		if (broker != null) {
			broker.stop(30);
		}
	}

	private void format(String java, Path config) {
		ChildProcess formatter = ChildProcess.start("kafka-storage",
				kafkaCommand(java, "kafka.tools.StorageTool", "format", "--standalone", "--ignore-formatted", "-t",
						clusterId(), "-c", config.toString()),
				Map.of(), this.settings.dataDir().resolve("logs").resolve("kafka-format.log"));
		Waits.until("Formatting the Kafka log directory", Duration.ofSeconds(60), () -> true,
				() -> !formatter.isAlive());
		if (!Files.exists(this.home.resolve("data").resolve("meta.properties"))) {
			throw new IllegalStateException("Formatting the Kafka log directory failed:\n" + formatter.logTail(20));
		}
	}

	/**
	 * A cluster id in Kafka's format, from Kafka itself: it never starts with '-', which the
	 * storage tool would take for an option (a plain random base64 id does so once in 64).
	 */
	static String clusterId() {
		return Uuid.randomUuid().toString();
	}

	private List<String> kafkaCommand(String java, String mainClass, String... args) {
		List<String> command = new ArrayList<>(List.of(java, "-Xms128m", "-Xmx512m", "-XX:+UseSerialGC",
				"-Dlogback.configurationFile=kafka-logback.xml", "-cp", System.getProperty("java.class.path"),
				mainClass));
		command.addAll(List.of(args));
		return command;
	}

	private Path writeConfig() {
		int port = this.settings.kafkaPort();
		int controller = this.settings.kafkaControllerPort();
		List<String> lines = new ArrayList<>(List.of("process.roles=broker,controller", "node.id=1",
				"controller.quorum.bootstrap.servers=127.0.0.1:" + controller,
				"listeners=CLIENT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controller,
				"advertised.listeners=CLIENT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controller,
				"controller.listener.names=CONTROLLER",
				"listener.security.protocol.map=CLIENT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT",
				"inter.broker.listener.name=CLIENT", "log.dirs=" + this.home.resolve("data"),
				"num.partitions=" + Topics.DEFAULT_PARTITIONS, "offsets.topic.replication.factor=1",
				"transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1",
				"share.coordinator.state.topic.replication.factor=1", "share.coordinator.state.topic.min.isr=1",
				"group.initial.rebalance.delay.ms=0"));
		lines.addAll(this.access.brokerSettings("CLIENT", "CONTROLLER"));
		lines.add("");
		String properties = String.join("\n", lines);
		try {
			Files.createDirectories(this.home);
			Path config = this.home.resolve("server.properties");
			LocalSecrets.replace(config, properties);
			return config;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the Kafka configuration", ex);
		}
	}

}
