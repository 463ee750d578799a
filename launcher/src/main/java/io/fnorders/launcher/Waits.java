package io.fnorders.launcher;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Bounded waits for something to come up. */
final class Waits {

	/** How often a wait polls unless told otherwise. */
	static final Duration INTERVAL = Duration.ofMillis(250);

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

	private Waits() {
	}

	/**
	 * Polls every {@link #INTERVAL} until the condition holds; fails after {@code timeout} or when
	 * {@code alive} turns false.
	 */
	static void until(String what, Duration timeout, BooleanSupplier alive, BooleanSupplier condition) {
		until(what, timeout, INTERVAL, alive, condition);
	}

	/** The same, polling every {@code interval}. */
	static void until(String what, Duration timeout, Duration interval, BooleanSupplier alive,
			BooleanSupplier condition) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!condition.getAsBoolean()) {
			if (!alive.getAsBoolean()) {
				throw new IllegalStateException(what + ": the process exited");
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException(what + ": not ready after " + timeout.toSeconds() + " s");
			}
			try {
				Thread.sleep(interval);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(what + ": interrupted", ex);
			}
		}
	}

	/**
	 * Polls a function's readiness probe on {@code port} every {@code interval} until it answers
	 * 200; fails after 120 s or when the process exits, quoting the end of its log.
	 */
	static void untilReady(ChildProcess process, int port, Duration interval) {
		String readiness = "http://localhost:" + port + "/actuator/health/readiness";
		try {
			until(process.name(), Duration.ofSeconds(120), interval, process::isAlive, () -> answers200(readiness));
		}
		catch (IllegalStateException ex) {
			throw new IllegalStateException(ex.getMessage() + "; last lines of " + process.log() + ":\n"
					+ process.logTail(15), ex);
		}
	}

	static boolean portOpen(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	static boolean answers200(String url) {
		try {
			HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build();
			return HTTP.send(request, BodyHandlers.discarding()).statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
