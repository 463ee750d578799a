package io.fnorders.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Load from wrk (a C load generator, so the client costs the shared cores as little as it can):
 * one run against one URL, its throughput and latency percentiles. Any non-2xx answer or socket
 * error fails the run: a bench counts only served requests.
 */
final class Wrk {

	private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");

	private static final Pattern ERRORS = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)|Socket errors:.*");

	private Wrk() {
	}

	/** What one run measured. */
	record Result(double requestsPerSecond, double p50Millis, double p99Millis) {
	}

	/** Load that warms the server up (its JIT, its pools): what it measures does not count. */
	static void warmUp(String url, int connections, Duration duration) {
		load(url, connections, duration, null);
	}

	/** The same with the requests a wrk Lua script makes (its {@code request} function). */
	static void warmUp(String url, int connections, Duration duration, Path script) {
		load(url, connections, duration, script);
	}

	static Result run(String url, int connections, Duration duration) {
		return run(url, connections, duration, null);
	}

	/** One measured run; with a script, the script makes the requests. */
	static Result run(String url, int connections, Duration duration, @Nullable Path script) {
		String output = load(url, connections, duration, script);
		Matcher errors = ERRORS.matcher(output);
		if (errors.find()) {
			throw new IllegalStateException("wrk got failed requests from " + url + ":\n" + output);
		}
		Matcher rate = RATE.matcher(output);
		if (!rate.find()) {
			throw new IllegalStateException("wrk printed no rate for " + url + ":\n" + output);
		}
		return new Result(Double.parseDouble(rate.group(1)), percentile(output, "50%"), percentile(output, "99%"));
	}

	private static String load(String url, int connections, Duration duration, @Nullable Path script) {
		List<String> command = new ArrayList<>(List.of("wrk", "--latency", "-t", "2", "-c", String.valueOf(connections),
				"-d", duration.toSeconds() + "s"));
		if (script != null) {
			command.addAll(List.of("-s", script.toString()));
		}
		command.add(url);
		return Tools.run(command, duration.plusSeconds(30));
	}

	/** A line of wrk's latency distribution, such as {@code 99%    4.21ms}, in milliseconds. */
	private static double percentile(String output, String label) {
		Matcher line = Pattern.compile("^\\s*" + Pattern.quote(label) + "\\s+([0-9.]+)(us|ms|s)\\s*$", Pattern.MULTILINE)
			.matcher(output);
		if (!line.find()) {
			throw new IllegalStateException("wrk printed no " + label + " latency:\n" + output);
		}
		double value = Double.parseDouble(line.group(1));
		return switch (line.group(2)) {
			case "us" -> value / 1000;
			case "s" -> value * 1000;
			default -> value;
		};
	}

}
