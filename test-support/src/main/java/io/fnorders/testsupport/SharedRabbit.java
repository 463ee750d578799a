package io.fnorders.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * One real RabbitMQ node per test JVM: Debian's {@code rabbitmq-server} started as a private node
 * (its own name, ports, data and Erlang port mapper on loopback), so it never meets another node
 * on the machine. {@code make test} installs the package when it is missing. The address is
 * published as {@code spring.rabbitmq.host/port}.
 */
public final class SharedRabbit {

	private static @Nullable Process server;

	private static int port;

	private SharedRabbit() {
	}

	/** Starts the node unless it runs already, and publishes its address. */
	public static synchronized void start() {
		if (server != null) {
			return;
		}
		try {
			Path home = Files.createTempDirectory("rabbitmq-test");
			Files.writeString(home.resolve("enabled_plugins"), "[].");
			Files.createDirectories(home.resolve("mnesia"));
			Files.createDirectories(home.resolve("log"));
			int nodePort = SharedBrokers.freePort();
			Map<String, String> environment = environment(home, nodePort);
			ProcessBuilder builder = new ProcessBuilder(executable("rabbitmq-server")).redirectErrorStream(true)
				.redirectOutput(home.resolve("server.log").toFile());
			builder.environment().putAll(environment);
			Process process = builder.start();
			awaitRunning(environment, process, home);
			server = process;
			port = nodePort;
			System.setProperty("spring.rabbitmq.host", "127.0.0.1");
			System.setProperty("spring.rabbitmq.port", String.valueOf(nodePort));
			Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(environment, process), "shared-rabbit-stop"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start RabbitMQ", ex);
		}
	}

	/** The AMQP port of the node on 127.0.0.1. */
	public static synchronized int port() {
		start();
		return port;
	}

	private static Map<String, String> environment(Path home, int nodePort) {
		String node = "fnorders-test-" + ProcessHandle.current().pid() + "@localhost";
		return Map.of("HOME", home.toString(), "RABBITMQ_NODENAME", node, "RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1",
				"RABBITMQ_NODE_PORT", String.valueOf(nodePort), "RABBITMQ_DIST_PORT",
				String.valueOf(SharedBrokers.freePort()), "ERL_EPMD_PORT", String.valueOf(SharedBrokers.freePort()),
				"ERL_EPMD_ADDRESS", "127.0.0.1", "RABBITMQ_MNESIA_BASE", home.resolve("mnesia").toString(),
				"RABBITMQ_LOG_BASE", home.resolve("log").toString(), "RABBITMQ_ENABLED_PLUGINS_FILE",
				home.resolve("enabled_plugins").toString());
	}

	private static void awaitRunning(Map<String, String> environment, Process process, Path home) throws IOException {
		long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new IllegalStateException("rabbitmq-server exited; see " + home.resolve("server.log"));
			}
			if (ctl(environment, "await_startup") == 0) {
				return;
			}
		}
		process.destroyForcibly();
		throw new IllegalStateException("RabbitMQ did not start within 90 s; see " + home.resolve("server.log"));
	}

	private static int ctl(Map<String, String> environment, String command) {
		try {
			ProcessBuilder builder = new ProcessBuilder(executable("rabbitmqctl"), "-n",
					environment.get("RABBITMQ_NODENAME"), "-t", "5", command)
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD);
			builder.environment().putAll(environment);
			Process ctl = builder.start();
			if (!ctl.waitFor(30, TimeUnit.SECONDS)) {
				ctl.destroyForcibly();
				return -1;
			}
			return ctl.exitValue();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

	private static void stop(Map<String, String> environment, Process process) {
		ctl(environment, "stop");
		process.destroy();
		try {
			new ProcessBuilder(executable("epmd"), "-port", environment.get("ERL_EPMD_PORT"), "-kill")
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start()
				.waitFor(10, TimeUnit.SECONDS);
		}
		catch (IOException | InterruptedException ex) {
			// the JVM is exiting; nothing more to do
		}
	}

	/**
	 * A RabbitMQ or Erlang tool: RabbitMQ's own scripts first (Debian's wrappers in /usr/sbin switch
	 * to the rabbitmq user, who cannot write this node's directories), then the PATH.
	 */
	private static String executable(String name) {
		for (String dir : List.of("/usr/lib/rabbitmq/bin", "/usr/sbin", "/usr/bin", "/usr/lib/erlang/bin")) {
			if (Files.isExecutable(Path.of(dir, name))) {
				return Path.of(dir, name).toString();
			}
		}
		return name;
	}

}
