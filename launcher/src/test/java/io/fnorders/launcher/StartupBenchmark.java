package io.fnorders.launcher;

import static io.fnorders.launcher.LauncherFixtures.median;
import static io.fnorders.localbrokers.LocalPorts.freePort;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * {@code make bench}: how fast each function becomes ready, and how much memory it holds, when
 * started the way its container image starts it, without and with the JDK AOT cache.
 * <p>
 * For each function the Boot jar is extracted as {@code functions/Dockerfile} does ({@code
 * -Djarmode=tools extract --layers}, the four layers merged into one directory under
 * target/bench/startup/&lt;fn&gt;/app), and the Dockerfile's training run writes app.aot with no
 * broker reachable, as in an image build; its duration and the cache's size are reported. Then,
 * against a real Kafka (KRaft) broker, Redis and SMTP server on free ports, each function is
 * started {@code bench.rounds} times (default 5) without and with {@code -XX:AOTCache}, the two
 * back to back and alternating which goes first. Each start measures:
 * <ul>
 * <li>ready: from process start to the first 200 of /actuator/health/readiness, polled every
 * 20 ms (what the image's health check and an orchestrator wait for);
 * <li>Spring Boot's own "Started ... in X seconds";
 * <li>resident memory (VmRSS) when ready and after 5 s idle.
 * </ul>
 * The JVM options are the image's ({@code JAVA_CONTAINER_OPTS}, read from the Dockerfile) plus
 * {@code -XX:MaxRAM=768m}, which stands in for a 768 MB container limit (it sizes the heap as the
 * limit would; it does not change the collector the JVM picks).
 * <p>
 * Extra rows ({@code bench.extraRounds}, default 3; not the image's defaults) ask whether any of
 * {@code -XX:TieredStopAtLevel=1}, {@code -XX:+UseSerialGC}, lazy bean initialization, or all three,
 * brings a function under 1 s with the same cache. Spring AOT ({@code process-aot}) is not tried:
 * it fixes {@code @Conditional} outcomes at build time, and these services choose their transport
 * by configuration at run time. Not part of {@code make test}. Results go to
 * target/bench/startup.txt; the summary lines start with "startup ".
 */
class StartupBenchmark {

	private static final int ROUNDS = Integer.getInteger("bench.rounds", 5);

	private static final int EXTRA_ROUNDS = Integer.getInteger("bench.extraRounds", 3);

	private static final String CONTAINER_LIMIT = "-XX:MaxRAM=768m";

	private static final List<String> LAYERS = List.of("dependencies", "spring-boot-loader",
			"snapshot-dependencies", "application");

	private static final Duration POLL = Duration.ofMillis(20);

	private static final Duration IDLE = Duration.ofSeconds(5);

	private static final Path BENCH = Path.of("target", "bench").toAbsolutePath();

	private static final Pattern STARTED = Pattern.compile("Started \\S+ in ([0-9.]+) seconds");

	private static final Pattern CACHE_REFUSED = Pattern.compile("\\[error *\\]\\[aot\\]");

	private static final Variant NO_CACHE = new Variant("no cache", false, List.of());

	private static final Variant CACHE = new Variant("AOT cache", true, List.of());

	private static final List<Variant> EXTRAS = List.of(
			new Variant("cache + TieredStopAtLevel=1", true, List.of("-XX:TieredStopAtLevel=1")),
			new Variant("cache + SerialGC", true, List.of("-XX:+UseSerialGC")),
			new Variant("cache + lazy init", true, List.of("-Dspring.main.lazy-initialization=true")),
			new Variant("cache + all three", true, List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
					"-Dspring.main.lazy-initialization=true")));

	private final String java = ProcessHandle.current().info().command().orElseThrow();

	private final List<String> containerOptions = containerOptions();

	/** A way to start a function: with or without the cache, and extra JVM options. */
	record Variant(String label, boolean cached, List<String> options) {
	}

	/** One start of a function. */
	record Start(long readyMillis, double startedSeconds, long rssReadyKb, long rssIdleKb) {
	}

	/** A function extracted as in its image: {@code app} holds its jar, lib/ and app.aot. */
	record Layout(String function, Path app) {

		Path jar() {
			return this.app.resolve(this.function + ".jar");
		}

		Path cache() {
			return this.app.resolve("app.aot");
		}

	}

	/** What a function's training run cost. */
	record Training(Layout layout, Duration duration, long cacheBytes, long kafkaConnectionAttempts) {
	}

	/** The medians of one variant of one function. */
	record Row(String function, Variant variant, long readyMillis, double vsNoCache, double startedSeconds,
			double rssReadyMib, double rssIdleMib) {
	}

	@Test
	void measureStartupWithAndWithoutAotCache() throws IOException {
		String loadBefore = loadAverage();
		LocalSettings settings = LauncherFixtures.settings(
				Map.of("product-fn", 0, "inventory-fn", 0, "cart-fn", 0, "notification-fn", 0));
		LocalStack stack = new LocalStack(settings, this.java);
		Map<String, Training> trainings = new LinkedHashMap<>();
		for (String function : LocalSettings.FUNCTIONS) {
			trainings.put(function, train(extract(function, stack.jar(function))));
		}
		Map<String, Map<Variant, List<Start>>> starts = new LinkedHashMap<>();
		try {
			stack.start();
			for (int round = 0; round < Math.max(ROUNDS, EXTRA_ROUNDS); round++) {
				for (Training training : trainings.values()) {
					for (Variant variant : order(round)) {
						starts.computeIfAbsent(training.layout().function(), function -> new LinkedHashMap<>())
							.computeIfAbsent(variant, v -> new ArrayList<>())
							.add(start(stack, training.layout(), variant));
					}
				}
			}
		}
		finally {
			stack.stop();
		}
		String report = report(trainings, starts, loadBefore, loadAverage());
		Files.writeString(BENCH.resolve("startup.txt"), report);
		System.out.print(report);
		assertThat(starts.values()).allSatisfy(byVariant -> assertThat(byVariant.get(CACHE)).hasSize(ROUNDS));
	}

	/**
	 * The variants of one round: the no-cache/cache pair back to back, alternating which goes
	 * first, then (in the first rounds) the extra variants in rotating order.
	 */
	private static List<Variant> order(int round) {
		List<Variant> order = new ArrayList<>();
		if (round < ROUNDS) {
			order.addAll((round % 2 == 0) ? List.of(NO_CACHE, CACHE) : List.of(CACHE, NO_CACHE));
		}
		if (round < EXTRA_ROUNDS) {
			List<Variant> extras = new ArrayList<>(EXTRAS);
			Collections.rotate(extras, round);
			order.addAll(extras);
		}
		return order;
	}

	/**
	 * Extracts a function's jar as the Dockerfile does: its layers, each moved into one directory
	 * with the files' modification times kept (the AOT cache checks them), as COPY does.
	 */
	private Layout extract(String function, Path jar) throws IOException {
		Path dir = BENCH.resolve("startup").resolve(function);
		deleteTree(dir);
		Path layers = dir.resolve("layers");
		awaitExit(ChildProcess.start(function + " extract", List.of(this.java, "-Djarmode=tools", "-jar", jar.toString(),
				"extract", "--layers", "--destination", layers.toString()), Map.of(), dir.resolve("extract.log")));
		Path app = dir.resolve("app");
		for (String layer : LAYERS) {
			moveInto(layers.resolve(layer), app);
		}
		deleteTree(layers);
		Layout layout = new Layout(function, app);
		if (!Files.isRegularFile(layout.jar())) {
			throw new IllegalStateException("Extracting " + jar + " failed: see " + dir.resolve("extract.log"));
		}
		return layout;
	}

	/**
	 * The Dockerfile's training run, with nothing listening where the brokers, Redis and SMTP
	 * server would be (as in an image build).
	 */
	private Training train(Layout layout) throws IOException {
		List<String> command = new ArrayList<>(List.of(this.java));
		command.addAll(this.containerOptions);
		command.addAll(List.of(CONTAINER_LIMIT, "-XX:AOTCacheOutput=" + layout.cache(),
				"-Dspring.context.exit=onRefresh", "-Dspring.kafka.admin.auto-create=false", "-jar",
				layout.jar().toString()));
		String nowhere = String.valueOf(freePort());
		Map<String, String> environment = Map.of("SERVER_PORT", String.valueOf(freePort()),
				"SPRING_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + nowhere, "SPRING_DATA_REDIS_PORT", nowhere,
				"SPRING_MAIL_PORT", nowhere);
		Path log = layout.app().resolveSibling("training.log");
		long begin = System.nanoTime();
		awaitExit(ChildProcess.start(layout.function() + " training", command, environment, log));
		Duration duration = Duration.ofNanos(System.nanoTime() - begin);
		if (!Files.isRegularFile(layout.cache())) {
			throw new IllegalStateException("The training run of " + layout.function() + " wrote no app.aot: see " + log);
		}
		long attempts;
		try (Stream<String> lines = Files.lines(log)) {
			attempts = lines.filter(line -> line.contains("could not be established")).count();
		}
		return new Training(layout, duration, Files.size(layout.cache()), attempts);
	}

	/** Starts a function once, measures it, and stops it gracefully (SIGTERM). */
	private Start start(LocalStack stack, Layout layout, Variant variant) throws IOException {
		int port = freePort();
		Path log = layout.app().resolveSibling(slug(variant) + ".log");
		long begin = System.nanoTime();
		ChildProcess process = ChildProcess.start(layout.function() + " (" + variant.label() + ")",
				command(layout, variant), stack.functionEnvironment(layout.function(), port), log);
		try {
			Waits.untilReady(process, port, POLL);
			long readyMillis = Duration.ofNanos(System.nanoTime() - begin).toMillis();
			long rssReady = residentKb(process);
			idle();
			long rssIdle = residentKb(process);
			String output = Files.readString(log);
			if (variant.cached() && CACHE_REFUSED.matcher(output).find()) {
				throw new IllegalStateException(process.name() + ": the JVM refused app.aot; see " + log);
			}
			return new Start(readyMillis, startedSeconds(output), rssReady, rssIdle);
		}
		finally {
			process.stop(30);
		}
	}

	/** The image's ENTRYPOINT command, plus the container limit and the variant's options. */
	private List<String> command(Layout layout, Variant variant) {
		List<String> command = new ArrayList<>(List.of(this.java));
		if (variant.cached()) {
			command.add("-XX:AOTCache=" + layout.cache());
		}
		command.addAll(this.containerOptions);
		command.add(CONTAINER_LIMIT);
		command.addAll(variant.options());
		command.addAll(List.of("-jar", layout.jar().toString()));
		return command;
	}

	private static void awaitExit(ChildProcess process) {
		Waits.until(process.name(), Duration.ofMinutes(5), POLL, () -> true, () -> !process.isAlive());
	}

	/** The measured idle period (not a wait for a condition). */
	private static void idle() {
		try {
			Thread.sleep(IDLE);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

	/** VmRSS of the process, in KiB, from /proc. */
	private static long residentKb(ChildProcess process) throws IOException {
		try (Stream<String> lines = Files.lines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
			String line = lines.filter(l -> l.startsWith("VmRSS:")).findFirst().orElseThrow();
			return Long.parseLong(line.replaceAll("\\D", ""));
		}
	}

	private static double startedSeconds(String output) {
		Matcher matcher = STARTED.matcher(output);
		return matcher.find() ? Double.parseDouble(matcher.group(1)) : Double.NaN;
	}

	/** JAVA_CONTAINER_OPTS of functions/Dockerfile, so the benchmark starts what the image starts. */
	private static List<String> containerOptions() {
		Path dockerfile = Path.of("").toAbsolutePath().getParent().resolve("functions").resolve("Dockerfile");
		try {
			Matcher matcher = Pattern.compile("JAVA_CONTAINER_OPTS=\"([^\"]*)\"").matcher(Files.readString(dockerfile));
			if (!matcher.find()) {
				throw new IllegalStateException("No JAVA_CONTAINER_OPTS in " + dockerfile);
			}
			return List.of(matcher.group(1).trim().split("\\s+"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private String report(Map<String, Training> trainings, Map<String, Map<Variant, List<Start>>> starts,
			String loadBefore, String loadAfter) {
		List<Row> rows = rows(starts);
		StringBuilder out = new StringBuilder();
		line(out, "startup of each function as its image starts it: %s %s (the limit of a 768 MB container)",
				String.join(" ", this.containerOptions), CONTAINER_LIMIT);
		line(out, "startup medians of %d rounds (extra rows, not the image's defaults: %d rounds); ready = process"
				+ " start to first 200 of /actuator/health/readiness", ROUNDS, EXTRA_ROUNDS);
		line(out, "startup %-16s %-28s %9s %8s %10s %8s %9s", "function", "variant", "ready ms", "vs none",
				"started s", "RSS MiB", "+5 s MiB");
		for (Row row : rows) {
			line(out, "startup %-16s %-28s %9d %8.2f %10.2f %8.0f %9.0f", row.function(), row.variant().label(),
					row.readyMillis(), row.vsNoCache(), row.startedSeconds(), row.rssReadyMib(), row.rssIdleMib());
		}
		for (Training training : trainings.values()) {
			line(out, "startup training %-16s %5.1f s, app.aot %5.1f MiB, %d Kafka connection attempts",
					training.layout().function(), training.duration().toMillis() / 1000.0,
					training.cacheBytes() / 1048576.0, training.kafkaConnectionAttempts());
		}
		Row fastest = rows.stream().min(Comparator.comparingLong(Row::readyMillis)).orElseThrow();
		line(out, "startup ready under 1 s: %s; fastest median: %s with %s, %d ms",
				(fastest.readyMillis() < 1000) ? "yes" : "no", fastest.function(), fastest.variant().label(),
				fastest.readyMillis());
		line(out, "startup load average (1, 5, 15 min) %s before, %s after, on %d CPUs (other work adds noise)",
				loadBefore, loadAfter, Runtime.getRuntime().availableProcessors());
		line(out, "ready ms of each round:");
		rows.forEach(row -> line(out, "  %-16s %-28s %s", row.function(), row.variant().label(),
				readyMillis(starts.get(row.function()).get(row.variant()))));
		return out.toString();
	}

	private static List<Row> rows(Map<String, Map<Variant, List<Start>>> starts) {
		List<Row> rows = new ArrayList<>();
		starts.forEach((function, byVariant) -> {
			long none = median(readyMillis(byVariant.get(NO_CACHE)));
			for (Variant variant : variants().stream().filter(byVariant::containsKey).toList()) {
				List<Start> runs = byVariant.get(variant);
				long ready = median(readyMillis(runs));
				rows.add(new Row(function, variant, ready, (double) ready / none,
						median(runs.stream().map(Start::startedSeconds).toList()),
						median(runs.stream().map(Start::rssReadyKb).toList()) / 1024.0,
						median(runs.stream().map(Start::rssIdleKb).toList()) / 1024.0));
			}
		});
		return rows;
	}

	private static List<Variant> variants() {
		List<Variant> variants = new ArrayList<>(List.of(NO_CACHE, CACHE));
		variants.addAll(EXTRAS);
		return variants;
	}

	private static void line(StringBuilder out, String format, Object... args) {
		out.append(String.format(Locale.ROOT, format, args)).append(System.lineSeparator());
	}

	private static List<Long> readyMillis(List<Start> runs) {
		return runs.stream().map(Start::readyMillis).toList();
	}

	private static String slug(Variant variant) {
		return variant.label().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
	}

	private static String loadAverage() {
		try {
			String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
			return String.join(" ", fields[0], fields[1], fields[2]);
		}
		catch (IOException ex) {
			return "?";
		}
	}

	private static void moveInto(Path layer, Path app) throws IOException {
		try (Stream<Path> files = Files.walk(layer)) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				Path target = app.resolve(layer.relativize(file).toString());
				Files.createDirectories(target.getParent());
				Files.move(file, target);
			}
		}
	}

	private static void deleteTree(Path dir) throws IOException {
		if (!Files.exists(dir)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(dir)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

}
