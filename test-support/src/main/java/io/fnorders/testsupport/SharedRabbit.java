package io.fnorders.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

import io.fnorders.localbrokers.LocalPorts;
import io.fnorders.localbrokers.RabbitNode;
import org.jspecify.annotations.Nullable;

/**
 * One real RabbitMQ node per test JVM (a private {@link RabbitNode} of Debian's
 * {@code rabbitmq-server}; {@code make test} installs the package when it is missing), stopped
 * when the JVM exits. The address is published as {@code spring.rabbitmq.host/port}.
 */
public final class SharedRabbit {

	private static @Nullable RabbitNode node;

	private SharedRabbit() {
	}

	/** Starts the node unless it runs already, and publishes its address. */
	public static synchronized void start() {
		if (node != null) {
			return;
		}
		RabbitNode started;
		try {
			started = RabbitNode.start(Files.createTempDirectory("rabbitmq-test"), LocalPorts.freePort());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		node = started;
		System.setProperty("spring.rabbitmq.host", "127.0.0.1");
		System.setProperty("spring.rabbitmq.port", String.valueOf(started.port()));
		Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "shared-rabbit-stop"));
	}

}
