package io.fnorders.platform.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import io.fnorders.testsupport.RealBrokers;
import io.fnorders.testsupport.SharedBrokers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A function in a container of one CPU has one carrier thread for all its virtual threads. Many
 * requests at once that each need a pooled Redis connection (a pipelined catalog read) must all be
 * served there: with the pool's wait unlimited, commons-pool2 loops without waiting while the pool
 * is full of connections being made, the loop keeps the only carrier, and the JVM hangs (product-fn
 * did on the Swarm, and Swarm killed it as unhealthy). Run in a JVM of its own that sees one
 * processor, with the platform's defaults.
 */
@RealBrokers
class PooledConnectionsOnOneCarrierTests {

	private static final int THREADS = 48;

	private static final int READS = 20;

	@TempDir
	Path scratch;

	@Test
	void manyPipelinedReadsAtOnceFinishWithOneCarrierThread() throws Exception {
		Path output = this.scratch.resolve("output.txt");
		Process child = new ProcessBuilder(javaExecutable(), "-XX:ActiveProcessorCount=1",
				"-Djdk.virtualThreadScheduler.parallelism=1", "-cp", testClassPath(),
				CatalogReadsOnOneCarrier.class.getName(), String.valueOf(SharedBrokers.redisPort()),
				String.valueOf(THREADS), String.valueOf(READS))
			.redirectErrorStream(true)
			.redirectOutput(output.toFile())
			.start();
		String printed = "";
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		try {
			while (!printed.contains("reads done: ") && child.isAlive() && System.nanoTime() < deadline) {
				Thread.sleep(200);
				printed = Files.readString(output, StandardCharsets.UTF_8);
			}
		}
		finally {
			// the reads are all it is for: it is not left to stop on its own
			child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
		printed = Files.readString(output, StandardCharsets.UTF_8);
		assertThat(printed).as("the reads did not finish within 60 s on one carrier thread; the JVM printed:%n%s",
				tail(printed))
			.contains("reads done: " + THREADS * READS);
	}

	private static String javaExecutable() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	/** Surefire's forked JVM may see only its booter jar; the test class path is given apart. */
	private static String testClassPath() {
		String surefire = System.getProperty("surefire.test.class.path");
		return (surefire != null && !surefire.isBlank()) ? surefire : System.getProperty("java.class.path");
	}

	private static String tail(String printed) {
		String[] lines = printed.split("\n");
		int from = Math.max(0, lines.length - 30);
		return String.join("\n", Arrays.copyOfRange(lines, from, lines.length));
	}

}
