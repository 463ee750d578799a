package io.fnorders.swarm;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import com.jayway.jsonpath.JsonPath;

/**
 * Customers who each fill a cart and check it out once, through the gateway: a burst (many at
 * a time) or a steady trickle (one every so often). A strict customer takes any answer other
 * than 200 as a failure; a patient one sends a 503 again for up to 30 s, as the API invites
 * (nothing was changed; a checkout keeps its Idempotency-Key), and counts those retries.
 * Closing it stops whatever has not started yet.
 */
final class Checkouts implements AutoCloseable {

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	private final Shop shop;

	private final boolean patient;

	private final AtomicInteger retried = new AtomicInteger();

	/** The 503 answers sent again, by path and detail. */
	private final Map<String, Integer> unavailable = new ConcurrentHashMap<>();

	private final List<Placed> placed = Collections.synchronizedList(new ArrayList<>());

	private final List<String> failures = Collections.synchronizedList(new ArrayList<>());

	private final AtomicInteger attempted = new AtomicInteger();

	private final AtomicBoolean stopped = new AtomicBoolean();

	private final ScheduledExecutorService steady = Executors.newSingleThreadScheduledExecutor();

	private Checkouts(Shop shop, boolean patient) {
		this.shop = shop;
		this.patient = patient;
	}

	/** Customers for whom any answer but 200 is a failure. */
	static Checkouts strict(Shop shop) {
		return new Checkouts(shop, false);
	}

	/** Customers who send a 503 again, for up to 30 s. */
	static Checkouts patient(Shop shop) {
		return new Checkouts(shop, true);
	}

	/** {@code count} customers named {@code prefix-<n>}, each ordering 1 to 2 lines of 1 to 3 units. */
	static List<Plan> plans(String prefix, int count, List<String> skus, long seed) {
		Random random = new Random(seed);
		List<Plan> plans = new ArrayList<>();
		for (int n = 0; n < count; n++) {
			List<String> shuffled = new ArrayList<>(skus);
			Collections.shuffle(shuffled, random);
			int lineCount = 1 + random.nextInt(Math.min(2, skus.size()));
			List<Line> lines = new ArrayList<>();
			for (String sku : shuffled.subList(0, lineCount)) {
				lines.add(new Line(sku, 1 + random.nextInt(3)));
			}
			plans.add(new Plan(prefix + "-" + n, List.copyOf(lines)));
		}
		return plans;
	}

	/** Places every plan, {@code parallel} customers at a time; returns when all have answered. */
	Checkouts burst(List<Plan> plans, int parallel) {
		try (ExecutorService pool = Executors.newFixedThreadPool(parallel)) {
			List<Future<?>> futures = plans.stream().<Future<?>>map(plan -> pool.submit(() -> place(plan))).toList();
			pool.shutdown();
			if (!pool.awaitTermination(10, TimeUnit.MINUTES)) {
				futures.forEach(future -> future.cancel(true));
				throw new AssertionError("the burst did not finish within 10 minutes");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		return this;
	}

	/** One customer every {@code every}, in the background, until closed or {@code limit} have started. */
	Checkouts steadily(IntFunction<Plan> customer, Duration every, int limit) {
		this.steady.scheduleWithFixedDelay(() -> {
			if (this.attempted.get() < limit) {
				place(customer.apply(this.attempted.get()));
			}
		}, 0, every.toMillis(), TimeUnit.MILLISECONDS);
		return this;
	}

	void place(Plan plan) {
		if (this.stopped.get()) {
			return;
		}
		this.attempted.incrementAndGet();
		try {
			fillAndCheckOut(plan);
		}
		catch (RuntimeException ex) {
			this.failures.add(plan.customer() + ": " + ex.getMessage());
		}
	}

	private void fillAndCheckOut(Plan plan) {
		for (Line line : plan.lines()) {
			if (!answered(send(() -> this.shop.addItem(plan.customer(), line.sku(), line.quantity())))) {
				return;
			}
		}
		String key = UUID.randomUUID().toString();
		HttpResponse<String> order = send(() -> this.shop.checkout(plan.customer(), key));
		if (answered(order)) {
			this.placed.add(new Placed(plan, JsonPath.read(order.body(), "$.orderId")));
		}
	}

	private HttpResponse<String> send(Supplier<HttpResponse<String>> request) {
		return this.patient ? Shop.untilAvailable(request, PATIENCE, response -> {
			this.retried.incrementAndGet();
			this.unavailable.merge(response.request().uri().getPath() + ": " + reasonOf(response), 1, Integer::sum);
		}) : request.get();
	}

	/** The detail of a problem answer, else the start of its body. */
	static String reasonOf(HttpResponse<String> response) {
		try {
			return JsonPath.read(response.body(), "$.detail");
		}
		catch (RuntimeException ex) {
			String body = response.body();
			return body.substring(0, Math.min(120, body.length()));
		}
	}

	private boolean answered(HttpResponse<String> response) {
		if (response.statusCode() == 200) {
			return true;
		}
		this.failures.add(response.request().method() + " " + response.request().uri().getPath() + " -> "
				+ response.statusCode() + " " + response.body());
		return false;
	}

	/** Starts no more customers; waits for one in progress. */
	@Override
	public void close() {
		this.stopped.set(true);
		this.steady.shutdown();
		try {
			if (!this.steady.awaitTermination(1, TimeUnit.MINUTES)) {
				throw new IllegalStateException("a checkout still runs a minute after stopping");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** How many customers have started so far. */
	int attempted() {
		return this.attempted.get();
	}

	/** How many 503 answers a patient customer sent again. */
	int retried() {
		return this.retried.get();
	}

	/** The 503 answers a patient customer sent again, counted by path and detail. */
	Map<String, Integer> unavailable() {
		return new TreeMap<>(this.unavailable);
	}

	List<Placed> placed() {
		return List.copyOf(this.placed);
	}

	List<String> failures() {
		return List.copyOf(this.failures);
	}

	record Line(String sku, int quantity) {
	}

	record Plan(String customer, List<Line> lines) {

		Map<String, Integer> quantities() {
			return this.lines.stream()
				.collect(Collectors.toMap(Line::sku, Line::quantity, Integer::sum));
		}

	}

	record Placed(Plan plan, String orderId) {
	}

}
