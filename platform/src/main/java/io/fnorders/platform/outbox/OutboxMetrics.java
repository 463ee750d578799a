package io.fnorders.platform.outbox;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The outbox as the metrics show it: {@code fnorders_outbox_depth} (entries not yet published, all
 * shards), {@code fnorders_outbox_oldest_age_seconds} (how long the oldest of them has waited; 0
 * when there is none), {@code fnorders_outbox_published_total},
 * {@code fnorders_outbox_superseded_total} (snapshots not published because a newer one of their
 * subject was), {@code fnorders_outbox_relay_failures_total} (attempts the broker or Redis refused),
 * {@code fnorders_outbox_set_aside_total} and {@code fnorders_outbox_shards_held} (by this
 * instance). Depth and age are read from Redis every {@code interval}; while Redis is away they
 * keep their last values.
 */
public class OutboxMetrics implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(OutboxMetrics.class);

	private final Outbox outbox;

	private final StringRedisTemplate redis;

	private final Clock clock;

	private final Duration interval;

	private final AtomicLong depth = new AtomicLong();

	private final AtomicLong oldestAgeMillis = new AtomicLong();

	private final AtomicLong held = new AtomicLong();

	private final Counter published;

	private final Counter failures;

	private final Counter setAside;

	private final Counter superseded;

	/** Reads depth and age every interval; made anew at each start. */
	private ScheduledExecutorService reader = newReader();

	private volatile boolean running;

	public OutboxMetrics(Outbox outbox, StringRedisTemplate redis, MeterRegistry registry, Clock clock,
			Duration interval) {
		this.outbox = outbox;
		this.redis = redis;
		this.clock = clock;
		this.interval = interval;
		Gauge.builder("fnorders.outbox.depth", this.depth, AtomicLong::get)
			.description("Outbox entries not yet published")
			.register(registry);
		Gauge.builder("fnorders.outbox.oldest.age", this.oldestAgeMillis, millis -> millis.get() / 1000.0)
			.description("How long the oldest unpublished outbox entry has waited")
			.baseUnit("seconds")
			.register(registry);
		Gauge.builder("fnorders.outbox.shards.held", this.held, AtomicLong::get)
			.description("Outbox shards this instance relays")
			.register(registry);
		this.published = Counter.builder("fnorders.outbox.published")
			.description("Outbox entries the broker took")
			.register(registry);
		this.failures = Counter.builder("fnorders.outbox.relay.failures")
			.description("Attempts to relay outbox entries that Redis or the broker refused")
			.register(registry);
		this.superseded = Counter.builder("fnorders.outbox.superseded")
			.description("Outbox entries of a snapshot type not published because a newer one of their subject was")
			.register(registry);
		this.setAside = Counter.builder("fnorders.outbox.set.aside")
			.description("Outbox entries that cannot be published, kept aside")
			.register(registry);
	}

	void published(int entries) {
		this.published.increment(entries);
	}

	void superseded(int entries) {
		this.superseded.increment(entries);
	}

	void failed() {
		this.failures.increment();
	}

	void setAside() {
		this.setAside.increment();
	}

	void held(int shards) {
		this.held.set(shards);
	}

	/** Reads the depth and the oldest entry of every shard now. */
	void refresh() {
		long entries = 0;
		long oldest = Long.MAX_VALUE;
		for (String stream : this.outbox.streams()) {
			Long length = this.redis.opsForStream().size(stream);
			entries += (length != null) ? length : 0;
			List<MapRecord<String, Object, Object>> first = this.redis.opsForStream()
				.range(stream, Range.unbounded(), Limit.limit().count(1));
			if (first != null && !first.isEmpty()) {
				oldest = Math.min(oldest, first.get(0).getId().getTimestamp());
			}
		}
		this.depth.set(entries);
		this.oldestAgeMillis.set((oldest == Long.MAX_VALUE) ? 0 : Math.max(0, this.clock.millis() - oldest));
	}

	@Override
	public void start() {
		this.reader = newReader();
		this.running = true;
		this.reader.scheduleWithFixedDelay(this::refreshQuietly, 0, this.interval.toMillis(), TimeUnit.MILLISECONDS);
	}

	private static ScheduledExecutorService newReader() {
		return Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("outbox-metrics").factory());
	}

	private void refreshQuietly() {
		try {
			refresh();
		}
		catch (RuntimeException ex) {
			log.debug("Cannot read the outbox's depth now", ex);
		}
	}

	@Override
	public void stop() {
		this.running = false;
		this.reader.shutdownNow();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
