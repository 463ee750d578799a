package io.fnorders.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * {@code make run}'s system as a library, for programs that drive it from outside this module
 * ({@code make bench}): started on free ports in a data directory of its own, so it runs beside
 * a {@code make run} on the usual ports, and stopped on {@link #close()}.
 */
public final class LocalSystem implements AutoCloseable {

	/** Linux's clock ticks per second (USER_HZ), the unit of /proc's CPU times. */
	private static final int CLOCK_TICKS = 100;

	private final LocalSettings settings;

	private final LocalStack stack;

	private LocalSystem(LocalSettings settings) {
		this.settings = settings;
		this.stack = new LocalStack(settings, ProcessHandle.current().info().command().orElse("java"));
	}

	/**
	 * Starts Kafka, Redis, the SMTP server, the identity provider and every function, and waits
	 * until each is ready.
	 * @param projectDir the project's root, whose functions' jars are built
	 * @param replicas instances per function; absent functions run once
	 * @param jvmOptions JVM options of every function process after make run's own (system
	 * properties, or a heap of another size)
	 */
	public static LocalSystem start(Path projectDir, Map<String, Integer> replicas, List<String> jvmOptions) {
		List<String> options = new ArrayList<>(List.of(LocalSettings.DEFAULT_JVM_OPTIONS.split(" ")));
		options.addAll(jvmOptions);
		LocalSystem system = new LocalSystem(LocalSettings.onFreePorts(projectDir, "kafka", replicas, options));
		try {
			system.stack.start();
		}
		catch (RuntimeException ex) {
			system.close();
			throw ex;
		}
		return system;
	}

	/** The functions, in the order they start. */
	public static List<String> functions() {
		return LocalSettings.FUNCTIONS;
	}

	/** The HTTP address of a function's first instance. */
	public String url(String function) {
		return "http://127.0.0.1:" + this.settings.portOf(function, 0);
	}

	/** Kafka's client settings as its operator, a super user. */
	public Map<String, Object> kafkaOperatorClient() {
		return this.stack.kafkaOperatorClient();
	}

	/** Redis as its operator, as a {@code redis://} URI with the password. */
	public String redisOperatorUri() {
		return this.stack.redisOperatorUri();
	}

	public int redisPort() {
		return this.settings.redisPort();
	}

	/** The port of the SMTP server the functions send their e-mails to. */
	public int smtpPort() {
		return this.settings.smtpPort();
	}

	/** Each running function instance's resident memory (VmRSS) now, in bytes, by instance name. */
	public Map<String, Long> residentMemory() {
		return eachInstance(LocalSystem::residentBytes);
	}

	/**
	 * The CPU time (user and system) each function instance and the Kafka broker have used so far,
	 * in seconds, by name ({@code kafka} for the broker).
	 */
	public Map<String, Double> cpuSeconds() {
		Map<String, Double> used = eachInstance(LocalSystem::cpuSeconds);
		ChildProcess kafka = this.stack.kafkaProcess();
		if (kafka != null) {
			used.put("kafka", cpuSeconds(kafka.pid()));
		}
		return used;
	}

	/** What {@code measure} gives for each running function instance's process id, by instance name. */
	private <T> Map<String, T> eachInstance(LongFunction<T> measure) {
		Map<String, T> measured = new LinkedHashMap<>();
		for (String function : LocalSettings.FUNCTIONS) {
			for (LocalStack.Instance instance : this.stack.instancesOf(function)) {
				measured.put(instance.process().name(), measure.apply(instance.process().pid()));
			}
		}
		return measured;
	}

	/** utime and stime of /proc/<pid>/stat (fields 14 and 15, after the command in parentheses), in seconds. */
	private static double cpuSeconds(long pid) {
		try {
			String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / (double) CLOCK_TICKS;
		}
		catch (IOException | RuntimeException ex) {
			return Double.NaN;
		}
	}

	private static long residentBytes(long pid) {
		try {
			return Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))
				.stream()
				.filter(line -> line.startsWith("VmRSS:"))
				.map(line -> Long.parseLong(line.replaceAll("\\D", "")) * 1024)
				.findFirst()
				.orElse(-1L);
		}
		catch (IOException ex) {
			return -1;
		}
	}

	/** Stops everything and removes the data directory. */
	@Override
	public void close() {
		this.stack.stop();
		try (var files = Files.walk(this.settings.dataDir())) {
			files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
		}
		catch (IOException ex) {
			// a temporary directory: what is left the system's clean-up takes
		}
	}

}
