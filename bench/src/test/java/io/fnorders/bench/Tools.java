package io.fnorders.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The command-line tools the bench drives (wrk, redis-benchmark), which the Makefile installs. */
final class Tools {

	private Tools() {
	}

	/** Runs a command to its end and returns what it printed; fails when it fails or overruns. */
	static String run(List<String> command, Duration timeout) {
		try {
			Path output = Files.createTempFile("bench-" + command.getFirst(), ".out");
			try {
				Process process = new ProcessBuilder(command).redirectErrorStream(true)
					.redirectOutput(output.toFile())
					.start();
				if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
					process.destroyForcibly();
					throw new IllegalStateException(command.getFirst() + " did not finish within " + timeout);
				}
				String text = Files.readString(output, StandardCharsets.UTF_8);
				if (process.exitValue() != 0) {
					throw new IllegalStateException(command.getFirst() + " failed (" + process.exitValue() + "):\n" + text);
				}
				return text;
			}
			finally {
				Files.deleteIfExists(output);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot run " + command.getFirst() + " (make bench installs it)", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while running " + command.getFirst(), ex);
		}
	}

	/** Sleeps; an interrupt ends the bench. */
	static void sleep(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
