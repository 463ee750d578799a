package io.fnorders.localbrokers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A private RabbitMQ node: Debian's {@code rabbitmq-server} run as a plain process with its own
 * name, ports, data directory and Erlang port mapper on loopback, so it never meets another node
 * on the machine. Used by the tests and by {@code make run BINDING=rabbit}.
 */
public final class RabbitNode {

	private final Process process;

	private final Map<String, String> environment;

	private final int port;

	private RabbitNode(Process process, Map<String, String> environment, int port) {
		this.process = process;
		this.environment = environment;
		this.port = port;
	}

	/**
	 * Starts a node whose data lives in {@code home} and waits until it accepts connections.
	 * @param port the AMQP port on 127.0.0.1
	 * @throws IllegalStateException when the node does not come up (its log is in {@code home})
	 */
	public static RabbitNode start(Path home, int port) {
		try {
			Files.createDirectories(home.resolve("mnesia"));
			Files.createDirectories(home.resolve("log"));
			Files.writeString(home.resolve("enabled_plugins"), "[].");
			Map<String, String> environment = environment(home, port);
			ProcessBuilder builder = new ProcessBuilder(executable("rabbitmq-server")).redirectErrorStream(true)
				.redirectOutput(home.resolve("server.log").toFile());
			builder.environment().putAll(environment);
			Process process = builder.start();
			RabbitNode node = new RabbitNode(process, environment, port);
			node.awaitRunning(home);
			return node;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start RabbitMQ: " + ex.getMessage(), ex);
		}
	}

	/** Whether {@code rabbitmq-server} is installed. */
	public static boolean installed() {
		return !executable("rabbitmq-server").equals("rabbitmq-server");
	}

	public int port() {
		return this.port;
	}

	/** Stops the node and its port mapper. */
	public void stop() {
		ctl("stop");
		this.process.destroy();
		try {
			new ProcessBuilder(executable("epmd"), "-port", this.environment.get("ERL_EPMD_PORT"), "-kill")
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start()
				.waitFor(10, TimeUnit.SECONDS);
		}
		catch (IOException ex) {
			// no port mapper to stop
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static Map<String, String> environment(Path home, int port) {
		String node = "fnorders-" + port + "@localhost";
		return Map.of("HOME", home.toString(), "RABBITMQ_NODENAME", node, "RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1",
				"RABBITMQ_NODE_PORT", String.valueOf(port), "RABBITMQ_DIST_PORT", String.valueOf(LocalPorts.freePort()),
				"ERL_EPMD_PORT", String.valueOf(LocalPorts.freePort()), "ERL_EPMD_ADDRESS", "127.0.0.1", "RABBITMQ_MNESIA_BASE",
				home.resolve("mnesia").toString(), "RABBITMQ_LOG_BASE", home.resolve("log").toString(),
				"RABBITMQ_ENABLED_PLUGINS_FILE", home.resolve("enabled_plugins").toString());
	}

	private void awaitRunning(Path home) {
		long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("rabbitmq-server exited; see " + home.resolve("server.log"));
			}
			if (ctl("await_startup") == 0) {
				return;
			}
		}
		this.process.destroyForcibly();
		throw new IllegalStateException("RabbitMQ did not start within 90 s; see " + home.resolve("server.log"));
	}

	private int ctl(String command) {
		try {
			ProcessBuilder builder = new ProcessBuilder(executable("rabbitmqctl"), "-n",
					this.environment.get("RABBITMQ_NODENAME"), "-t", "5", command)
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD);
			builder.environment().putAll(this.environment);
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
