package io.fnorders.launcher;

import static io.fnorders.localbrokers.LocalPorts.freePort;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * What {@code make run} starts and where, read from environment variables with the conventional
 * defaults (Kafka on 9092, Redis on 6379, the functions on 8081 to 8084, the identity provider on 9000).
 *
 * @param projectDir the project's root, where {@code functions/*}/target holds the jars
 * @param dataDir where broker data and logs live ({@code make clean} removes it)
 * @param kafkaPort the Kafka client port
 * @param kafkaControllerPort the KRaft controller port
 * @param redisPort the Redis port
 * @param smtpPort the port of the local SMTP server that receives the e-mails
 * @param rabbitPort the AMQP port of the local RabbitMQ node, started when the binding is rabbit
 * @param identityPort the HTTP port of the identity provider (the issuer of every token)
 * @param binding the transport the functions use (a file of bindings/)
 * @param functionPorts each function's HTTP port (of its first instance), in start order
 * @param replicas how many instances of each function to run (0 to 9); instance {@code i} of a
 * function listens on its port + 100 × i
 * @param functionJvmOptions JVM options for every function process
 */
record LocalSettings(Path projectDir, Path dataDir, int kafkaPort, int kafkaControllerPort, int redisPort,
		int smtpPort, int rabbitPort, int identityPort, String binding, Map<String, Integer> functionPorts, Map<String, Integer> replicas,
		List<String> functionJvmOptions) {

	/** The functions, in the order they start. */
	static final List<String> FUNCTIONS = List.of("product-fn", "inventory-fn", "cart-fn", "notification-fn");

	/** The JVM options of every function process unless FUNCTION_JAVA_OPTS says otherwise. */
	static final String DEFAULT_JVM_OPTIONS = "-Xms64m -Xmx384m -XX:+UseSerialGC";

	private static final Map<String, Integer> DEFAULT_PORTS = Map.of("cart-fn", 8081, "product-fn", 8082,
			"inventory-fn", 8083, "notification-fn", 8084);

	static LocalSettings from(Function<String, String> env) {
		Path projectDir = Path.of(value(env, "PROJECT_DIR", ".")).toAbsolutePath().normalize();
		Map<String, Integer> ports = new LinkedHashMap<>();
		Map<String, Integer> replicas = new LinkedHashMap<>();
		for (String function : FUNCTIONS) {
			ports.put(function, port(env, variableOf(function) + "_PORT", DEFAULT_PORTS.get(function)));
			replicas.put(function, replicas(env, variableOf(function)));
		}
		return new LocalSettings(projectDir, projectDir.resolve(value(env, "DATA_DIR", ".data")),
				port(env, "KAFKA_PORT", 9092), port(env, "KAFKA_CONTROLLER_PORT", 9093), port(env, "REDIS_PORT", 6379),
				port(env, "SMTP_PORT", 3025), port(env, "RABBITMQ_PORT", 5672), port(env, "IDENTITY_PORT", 9000),
				value(env, "BINDING", "kafka"), ports,
				replicas,
				List.of(value(env, "FUNCTION_JAVA_OPTS", DEFAULT_JVM_OPTIONS).trim().split("\\s+")));
	}

	/**
	 * Settings on free ports in a new temporary data directory: a stack that runs beside another,
	 * as the tests and the bench start it.
	 * @param replicas instances per function; absent functions run once
	 */
	static LocalSettings onFreePorts(Path projectDir, String binding, Map<String, Integer> replicas,
			List<String> jvmOptions) {
		Map<String, Integer> ports = new LinkedHashMap<>();
		for (String function : FUNCTIONS) {
			ports.put(function, freePort());
		}
		try {
			return new LocalSettings(projectDir, Files.createTempDirectory("local-stack"), freePort(), freePort(),
					freePort(), freePort(), freePort(), freePort(), binding, ports, replicas, List.copyOf(jvmOptions));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot make a data directory for a local stack", ex);
		}
	}

	/** The environment variable stem of a function: {@code INVENTORY} for inventory-fn. */
	static String variableOf(String function) {
		return function.substring(0, function.indexOf('-')).toUpperCase(Locale.ROOT);
	}

	/** The HTTP port of instance {@code index} (from 0) of a function. */
	int portOf(String function, int index) {
		return this.functionPorts.get(function) + 100 * index;
	}

	int replicasOf(String function) {
		return this.replicas.getOrDefault(function, 1);
	}

	/** Whether the functions talk through RabbitMQ (then no Kafka is started). */
	boolean usesRabbit() {
		return "rabbit".equals(this.binding);
	}

	/** The identity provider's address: the {@code iss} of its tokens and the functions' {@code issuer-uri}. */
	String identityIssuer() {
		return "http://localhost:" + this.identityPort;
	}

	/** Where the identity provider's signing key, the admin password and the local customers' passwords live. */
	Path identityDir() {
		return this.dataDir.resolve("identity");
	}

	/** The file holding the identity provider's admin password (made at its first start). */
	Path adminPasswordFile() {
		return identityDir().resolve("admin-password");
	}

	String kafkaBootstrapServers() {
		return "127.0.0.1:" + this.kafkaPort;
	}

	private static String value(Function<String, String> env, String name, String fallback) {
		String value = env.apply(name);
		return (value == null || value.isBlank()) ? fallback : value.trim();
	}

	private static int replicas(Function<String, String> env, String name) {
		String value = value(env, name, "1");
		try {
			int count = Integer.parseInt(value);
			if (count < 0 || count > 9) {
				throw new NumberFormatException();
			}
			return count;
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(name + " must be a number of instances from 0 to 9, was '" + value + "'");
		}
	}

	private static int port(Function<String, String> env, String name, int fallback) {
		String value = value(env, name, String.valueOf(fallback));
		try {
			int port = Integer.parseInt(value);
			if (port < 1 || port > 65535) {
				throw new NumberFormatException();
			}
			return port;
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(name + " must be a port number, was '" + value + "'");
		}
	}

}
