package io.fnorders.bench;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Redis itself, measured by its own redis-benchmark: GETs of one small key at the same
 * concurrency as the HTTP load, the floor under any catalog read.
 */
final class RedisBaseline {

	private RedisBaseline() {
	}

	/** The CPU time Redis has used so far (user and system, {@code INFO cpu}), in seconds. */
	static double cpuSeconds(String operatorUri) {
		URI uri = URI.create(operatorUri);
		String output = Tools.run(List.of("redis-cli", "-h", uri.getHost(), "-p", String.valueOf(uri.getPort()), "-a",
				uri.getUserInfo(), "--no-auth-warning", "INFO", "cpu"), Duration.ofSeconds(30));
		return output.lines()
			.filter(line -> line.startsWith("used_cpu_sys:") || line.startsWith("used_cpu_user:"))
			.mapToDouble(line -> Double.parseDouble(line.substring(line.indexOf(':') + 1).strip()))
			.sum();
	}

	/** GETs per second at {@code clients} connections. */
	static double getsPerSecond(String operatorUri, int clients, int requests) {
		URI uri = URI.create(operatorUri);
		String password = uri.getUserInfo();
		String output = Tools.run(List.of("redis-benchmark", "-h", uri.getHost(), "-p", String.valueOf(uri.getPort()),
				"-a", password, "-c", String.valueOf(clients), "-n", String.valueOf(requests), "-t", "get", "--csv"),
				Duration.ofMinutes(2));
		// "test","rps","avg_latency_ms",...  then  "GET","142857.14",...
		return output.lines()
			.filter(line -> line.startsWith("\"GET\""))
			.map(line -> Double.parseDouble(line.split(",")[1].replace("\"", "")))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("redis-benchmark printed no GET rate:\n" + output));
	}

}
