package io.fnorders.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import io.fnorders.events.Topics;
import io.fnorders.localbrokers.RabbitNode;
import jakarta.mail.internet.MimeMessage;
import org.jspecify.annotations.Nullable;

/**
 * {@code make run}: the whole system on one machine without Docker. Starts a Kafka KRaft broker
 * and a Redis server, creates the topics, starts the identity provider and each function as its
 * own JVM, waits until every one is ready, prints the URLs, and on Ctrl-C stops all of it in
 * reverse order.
 */
public final class LocalStack {

	private final LocalSettings settings;

	private final String java;

	private final LocalKafka kafka;

	private final LocalRedis redis;

	private final LocalMail mail;

	private final RedisUsers redisUsers;

	private final KafkaAccess kafkaAccess;

	private @Nullable RabbitNode rabbit;

	/** The identity provider's name among the instances and its log's. */
	static final String IDENTITY = "identity";

	/** The address the admin signs in with. */
	static final String ADMIN_EMAIL = "admin@example.com";

	/** Running instances, in start order; each knows its function and port. */
	private final List<Instance> instances = new ArrayList<>();

	/** Stops everything when the JVM exits without {@link #stop()} (Ctrl-C, SIGTERM, a test run cut short). */
	private final Thread stopOnExit = new Thread(this::stop, "local-stack-stop");

	/** One running process of a function. */
	record Instance(String function, int index, int port, ChildProcess process) {
	}

	LocalStack(LocalSettings settings, String java) {
		this.settings = settings;
		this.java = java;
		this.kafka = new LocalKafka(settings);
		this.redis = new LocalRedis(settings);
		this.mail = new LocalMail(settings);
		this.redisUsers = RedisUsers.of(settings);
		this.kafkaAccess = KafkaAccess.of(settings);
	}

	public static void main(String[] args) throws InterruptedException {
		LocalSettings settings;
		try {
			settings = LocalSettings.from(System::getenv);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.exit(2);
			return;
		}
		String java = ProcessHandle.current().info().command().orElse("java");
		LocalStack stack = new LocalStack(settings, java);
		try {
			stack.start();
		}
		catch (RuntimeException ex) {
			System.err.println();
			System.err.println("make run failed: " + ex.getMessage());
			System.exit(1);
		}
		stack.printUrls();
		new CountDownLatch(1).await();
	}

	/** Starts everything and waits until each function is ready; fails with the reason otherwise. */
	void start() {
		requireFreePorts();
		requireJars();
		Runtime.getRuntime().addShutdownHook(this.stopOnExit);
		say("Starting Redis on 127.0.0.1:" + this.settings.redisPort());
		this.redis.start();
		say("Starting an SMTP server on 127.0.0.1:" + this.settings.smtpPort());
		this.mail.start();
		if (this.settings.usesRabbit()) {
			say("Starting RabbitMQ on 127.0.0.1:" + this.settings.rabbitPort());
			this.rabbit = RabbitNode.start(this.settings.dataDir().resolve("rabbitmq"), this.settings.rabbitPort());
		}
		else {
			say("Starting Kafka (KRaft) on " + this.settings.kafkaBootstrapServers());
			this.kafka.start(this.java);
			this.kafka.createTopics();
			say("Topics ready: " + Topics.ALL + " (+ .dlq), " + Topics.DEFAULT_PARTITIONS + " partitions each");
		}
		List<Instance> started = new ArrayList<>();
		started.add(launchIdentity());
		for (String function : LocalSettings.FUNCTIONS) {
			for (int index = 0; index < this.settings.replicasOf(function); index++) {
				started.add(launch(function, index));
			}
		}
		started.forEach(this::awaitReady);
	}

	/**
	 * Starts one more instance of a function, on the next free instance port, and waits until it
	 * is ready. Instances of a broker-triggered function join the same consumer group.
	 */
	synchronized Instance startInstance(String function) {
		int index = 0;
		while (true) {
			int candidate = index;
			if (this.instances.stream().noneMatch(i -> i.function().equals(function) && i.index() == candidate)) {
				break;
			}
			index++;
		}
		Instance instance = launch(function, index);
		awaitReady(instance);
		return instance;
	}

	/** Starts the identity provider (again) and waits until it is ready. */
	synchronized Instance startIdentity() {
		Instance identity = launchIdentity();
		awaitReady(identity);
		return identity;
	}

	/** Stops one instance gracefully (SIGTERM; it finishes its in-flight work and commits). */
	synchronized void stopInstance(Instance instance) {
		instance.process().stop(30);
		this.instances.remove(instance);
	}

	/** Kills an instance at once (SIGKILL): no shutdown, no commit, no leaving its group. */
	synchronized void kill(Instance instance) {
		instance.process().kill();
		this.instances.remove(instance);
	}

	/** Stops Kafka (its data stays) until {@link #startKafka}. */
	void stopKafka() {
		this.kafka.stop();
	}

	void startKafka() {
		this.kafka.start(this.java);
	}

	/** Stops Redis (its append-only file stays) until {@link #startRedis}. */
	void stopRedis() {
		this.redis.stop();
	}

	void startRedis() {
		this.redis.start();
	}

	/** Stops the SMTP server (what it received is kept) until {@link #startMail}. */
	void stopMail() {
		this.mail.stop();
	}

	void startMail() {
		this.mail.start();
	}

	/** The running instances of a function. */
	/** The Kafka broker's process, once started. */
	@Nullable ChildProcess kafkaProcess() {
		return this.kafka.process();
	}

	synchronized List<Instance> instancesOf(String function) {
		return this.instances.stream().filter(instance -> instance.function().equals(function)).toList();
	}

	private Instance launch(String function, int index) {
		int port = this.settings.portOf(function, index);
		say("Starting " + function + (index > 0 ? " #" + (index + 1) : "") + " on port " + port);
		List<String> command = new ArrayList<>();
		command.add(this.java);
		command.addAll(this.settings.functionJvmOptions());
		command.addAll(List.of("-jar", jar(function).toString()));
		String name = function + (index > 0 ? "-" + (index + 1) : "");
		Instance instance = new Instance(function, index, port, ChildProcess.start(name, command,
				functionEnvironment(function, port), this.settings.dataDir().resolve("logs").resolve(name + ".log")));
		this.instances.add(instance);
		return instance;
	}

	/**
	 * The identity provider, on Redis like the functions, with its signing key and the admin
	 * password made once under the data directory (in the stack they are Swarm secrets).
	 */
	private Instance launchIdentity() {
		int port = this.settings.identityPort();
		say("Starting " + IDENTITY + " on port " + port);
		List<String> command = new ArrayList<>();
		command.add(this.java);
		command.addAll(this.settings.functionJvmOptions());
		command.addAll(List.of("-jar", identityJar().toString()));
		Path secrets = this.settings.identityDir();
		Map<String, String> environment = new HashMap<>(Map.of("SERVER_PORT", String.valueOf(port), "SPRING_DATA_REDIS_HOST",
				"127.0.0.1", "SPRING_DATA_REDIS_PORT", String.valueOf(this.settings.redisPort()),
				"SPRING_SECURITY_OAUTH2_AUTHORIZATIONSERVER_ISSUER", this.settings.identityIssuer(),
				"FNORDERS_IDENTITY_SIGNING_KEY", secrets.resolve("signing-key.pem").toString(),
				"FNORDERS_IDENTITY_ADMIN_PASSWORD_FILE", this.settings.adminPasswordFile().toString(),
				"FNORDERS_IDENTITY_ADMIN_EMAIL", ADMIN_EMAIL, "FNORDERS_IDENTITY_CREATE_MISSING_SECRETS", "true"));
		environment.putAll(redisUser(IDENTITY));
		Instance instance = new Instance(IDENTITY, 0, port, ChildProcess.start(IDENTITY, command, environment,
				this.settings.dataDir().resolve("logs").resolve(IDENTITY + ".log")));
		this.instances.add(instance);
		return instance;
	}

	/**
	 * The environment of a function process listening on {@code port}: where the brokers, Redis
	 * (as the function's own user) and the SMTP server are, and which transport to use.
	 */
	Map<String, String> functionEnvironment(String function, int port) {
		Map<String, String> environment = new HashMap<>(Map.of("SERVER_PORT", String.valueOf(port),
				"SPRING_KAFKA_BOOTSTRAP_SERVERS", this.settings.kafkaBootstrapServers(), "SPRING_DATA_REDIS_HOST",
				"127.0.0.1", "SPRING_DATA_REDIS_PORT", String.valueOf(this.settings.redisPort()), "FNORDERS_BINDING",
				this.settings.binding(), "SPRING_MAIL_HOST", "127.0.0.1", "SPRING_MAIL_PORT",
				String.valueOf(this.settings.smtpPort())));
		environment.putAll(redisUser(function));
		environment.putAll(this.kafkaAccess.functionEnvironment(function));
		// every function trusts the local identity provider's tokens
		environment.put("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUERURI", this.settings.identityIssuer());
		environment.putAll(Map.of("SPRING_RABBITMQ_HOST", "127.0.0.1", "SPRING_RABBITMQ_PORT",
				String.valueOf(this.settings.rabbitPort())));
		return environment;
	}

	/** The service's own Redis user (stack/redis/users.acl) and its password. */
	private Map<String, String> redisUser(String service) {
		return Map.of("SPRING_DATA_REDIS_USERNAME", service, "SPRING_DATA_REDIS_PASSWORD",
				this.redisUsers.password(service));
	}

	/** Kafka as its operator, a super user: the client settings of the tests and tools. */
	Map<String, Object> kafkaOperatorClient() {
		return this.kafka.operatorClient();
	}

	/** Redis as its operator: the default user, which may do anything. */
	String redisOperatorUri() {
		return "redis://" + this.redisUsers.password(RedisUsers.OPERATOR) + "@127.0.0.1:"
				+ this.settings.redisPort();
	}

	private void awaitReady(Instance instance) {
		Waits.untilReady(instance.process(), instance.port(), Waits.INTERVAL);
		say(instance.process().name() + " is ready");
	}

	private void printUrls() {
		System.out.println();
		System.out.println("Everything is up (transport: " + this.settings.binding() + ").");
		for (Instance instance : this.instances) {
			String url = "http://localhost:" + instance.port();
			if (instance.function().equals(IDENTITY)) {
				System.out.printf("  %-16s %s   (sign-in: %s/login, discovery: %s/.well-known/openid-configuration)%n",
						IDENTITY, url, url, url);
				System.out.println("                   admin: " + ADMIN_EMAIL + ", password in " + this.settings.adminPasswordFile()
						+ "; a customer's token: make token CUSTOMER=alice");
				continue;
			}
			System.out.printf("  %-16s %s   (health: %s/actuator/health, metrics: %s/actuator/prometheus)%n",
					instance.process().name(), url, url, url);
		}
		if (this.settings.usesRabbit()) {
			System.out.println("  rabbitmq         amqp://127.0.0.1:" + this.settings.rabbitPort());
		}
		else {
			System.out.println("  kafka            " + this.settings.kafkaBootstrapServers());
		}
		System.out.println("  redis            redis://127.0.0.1:" + this.settings.redisPort());
		System.out.println("  smtp             127.0.0.1:" + this.settings.smtpPort() + " (e-mails listed in "
				+ this.mail.log() + ")");
		System.out.println("  logs             " + this.settings.dataDir().resolve("logs"));
		System.out.println("Press Ctrl-C to stop everything.");
	}

	/** Stops the functions, then Kafka, then Redis; each function gets 30 s to shut down gracefully. */
	synchronized void stop() {
		say("Stopping");
		for (Instance instance : this.instances.reversed()) {
			instance.process().stop(30);
		}
		this.instances.clear();
		this.kafka.stop();
		if (this.rabbit != null) {
			this.rabbit.stop();
		}
		this.redis.stop();
		this.mail.stop();
		say("Stopped");
		if (Thread.currentThread() != this.stopOnExit) {
			try {
				Runtime.getRuntime().removeShutdownHook(this.stopOnExit);
			}
			catch (IllegalStateException ex) {
				// the JVM is already exiting: the hook finds nothing left to stop
			}
		}
	}

	private void requireFreePorts() {
		List<String> busy = new ArrayList<>();
		if (this.settings.usesRabbit()) {
			check(busy, "RABBITMQ_PORT", this.settings.rabbitPort());
		}
		else {
			check(busy, "KAFKA_PORT", this.settings.kafkaPort());
			check(busy, "KAFKA_CONTROLLER_PORT", this.settings.kafkaControllerPort());
		}
		check(busy, "REDIS_PORT", this.settings.redisPort());
		check(busy, "SMTP_PORT", this.settings.smtpPort());
		check(busy, "IDENTITY_PORT", this.settings.identityPort());
		for (String function : LocalSettings.FUNCTIONS) {
			for (int index = 0; index < this.settings.replicasOf(function); index++) {
				check(busy, LocalSettings.variableOf(function) + "_PORT" + (index > 0 ? " (+" + 100 * index + ")" : ""),
						this.settings.portOf(function, index));
			}
		}
		if (!busy.isEmpty()) {
			throw new IllegalStateException("ports already in use: " + String.join(", ", busy)
					+ " (stop what uses them, or set those variables to other ports)");
		}
	}

	private static void check(List<String> busy, String variable, int port) {
		if (Waits.portOpen(port)) {
			busy.add(variable + "=" + port);
		}
	}

	private void requireJars() {
		if (!Files.isRegularFile(identityJar())) {
			throw new IllegalStateException(identityJar() + " is missing: run 'make build' first");
		}
		for (String function : LocalSettings.FUNCTIONS.stream().filter(f -> this.settings.replicasOf(f) > 0).toList()) {
			if (!Files.isRegularFile(jar(function))) {
				throw new IllegalStateException(jar(function) + " is missing: run 'make build' first");
			}
		}
	}

	/** The e-mails the functions sent so far (the latest {@value LocalMail#KEPT} of them). */
	MimeMessage[] mailbox() {
		return this.mail.received();
	}

	/** How many e-mails the functions sent so far. */
	long mailCount() {
		return this.mail.receivedCount();
	}

	/** The Boot jar Maven built for a function. */
	Path jar(String function) {
		return this.settings.projectDir().resolve("functions").resolve(function).resolve("target").resolve(function + ".jar");
	}

	private Path identityJar() {
		return this.settings.projectDir().resolve(IDENTITY).resolve("target").resolve(IDENTITY + ".jar");
	}

	private static void say(String line) {
		System.out.println("[make run] " + line);
	}

}
