package io.fnorders.platform.outbox;

import static net.logstash.logback.argument.StructuredArguments.kv;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.fnorders.events.EventType;
import io.fnorders.events.EventTypes;
import io.fnorders.platform.PlatformProperties;
import io.fnorders.platform.failures.Failures;
import io.fnorders.platform.messaging.CloudEvents;
import io.fnorders.platform.redis.LuaScripts;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.stream.Consumer;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.messaging.Message;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes what the service's scripts wrote to its {@link Outbox}, and deletes each entry only
 * once the broker has it (acknowledged, by the idempotent producer), through an
 * {@link EventSender}: straight to Kafka ({@link KafkaEventSender}) or through the output binding.
 * <p>
 * Every instance of the service runs a relay; they share the shards through leases in Redis, each
 * holding about its fair part, and read through one consumer group per stream. A shard is
 * relayed by one instance at a time, and the events of one subject one after the other in the
 * order written, so they keep that order on the broker; different subjects are sent side by
 * side. A relay that takes a shard over (its holder died, or gave it up to balance the load)
 * first claims the entries the last holder read but did not acknowledge, and publishes them
 * before anything newer. If the broker does not take an entry, its subject stops there, and the
 * shard's pending entries are tried again, waiting from 200 ms up to {@code maxRetryInterval},
 * until they go through. A crash between the broker's acknowledgement and the deletion (one step
 * per batch) publishes those entries twice with the same event ids, which consumers drop.
 */
public class OutboxRelay implements SmartLifecycle {

	static final String GROUP = "relay";

	private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

	private static final Duration FIRST_RETRY = Duration.ofMillis(200);

	private static final RedisScript<Long> LEASE = script("lease");

	private static final RedisScript<Long> RELAYS = script("relays");

	private static final RedisScript<Long> TAKE_OVER = script("take-over");

	private static final RedisScript<Long> PUBLISHED = script("published");

	private static final RedisScript<Long> SET_ASIDE = script("set-aside");

	private static final TypeReference<Map<String, String>> ATTRIBUTES = new TypeReference<>() {
	};

	private final Outbox outbox;

	private final StringRedisTemplate redis;

	private final EventSender sender;

	private final CloudEvents cloudEvents;

	private final PlatformProperties.Outbox settings;

	private final OutboxMetrics metrics;

	private final JsonMapper json;

	private final String relayId;

	/** The shards this relay holds; only the relay's own thread changes it. */
	private final TreeSet<Integer> held = new TreeSet<>();

	/** Publishes the shards of a batch side by side; made anew at each start. */
	private ExecutorService publishers = Executors.newVirtualThreadPerTaskExecutor();

	private volatile boolean running;

	private @Nullable Thread thread;

	private long nextLeaseCheck;

	private Duration retryInterval = FIRST_RETRY;

	public OutboxRelay(Outbox outbox, StringRedisTemplate redis, EventSender sender, CloudEvents cloudEvents,
			PlatformProperties.Outbox settings, OutboxMetrics metrics, JsonMapper json, String relayId) {
		this.outbox = outbox;
		this.redis = redis;
		this.sender = sender;
		this.cloudEvents = cloudEvents;
		this.settings = settings;
		this.metrics = metrics;
		this.json = json;
		this.relayId = relayId;
	}

	private static RedisScript<Long> script(String name) {
		return LuaScripts.of("fnorders/outbox/" + name + ".lua", Long.class);
	}

	@Override
	public void start() {
		this.publishers = Executors.newVirtualThreadPerTaskExecutor();
		this.running = true;
		this.thread = Thread.ofVirtual().name("outbox-relay").start(this::relay);
	}

	@Override
	public void stop() {
		this.running = false;
		Thread relay = this.thread;
		if (relay != null) {
			try {
				relay.join(this.settings.pollTimeout().plus(this.settings.maxRetryInterval()).toMillis() + 5000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		this.publishers.shutdown();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Starts after the output bindings and stops before them. */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE - 2000;
	}

	private void relay() {
		while (this.running) {
			try {
				if (System.nanoTime() - this.nextLeaseCheck >= 0) {
					balance();
					this.nextLeaseCheck = System.nanoTime() + this.settings.leaseTime().toNanos() / 3;
				}
				if (this.held.isEmpty()) {
					pause(this.settings.pollTimeout());
					continue;
				}
				if (relayBatch()) {
					this.retryInterval = FIRST_RETRY;
				}
				else {
					pause(this.retryInterval);
					this.retryInterval = min(this.retryInterval.multipliedBy(2), this.settings.maxRetryInterval());
				}
			}
			catch (RuntimeException ex) {
				this.metrics.failed();
				log.warn("The outbox relay cannot reach Redis or the broker; retrying in {}: {}", this.retryInterval,
						Failures.describe(ex));
				pause(this.retryInterval);
				this.retryInterval = min(this.retryInterval.multipliedBy(2), this.settings.maxRetryInterval());
			}
		}
		giveUpShards();
	}

	/**
	 * Reads what this relay has read before but not yet got published, else what is new, and
	 * publishes it, each shard in order and the shards side by side.
	 * @return false when some entry could not be published
	 */
	private boolean relayBatch() {
		List<MapRecord<String, Object, Object>> entries = read(ReadOffset.from("0"), false);
		if (entries.isEmpty()) {
			entries = read(ReadOffset.lastConsumed(), true);
		}
		Map<String, List<MapRecord<String, Object, Object>>> byStream = new LinkedHashMap<>();
		for (MapRecord<String, Object, Object> entry : entries) {
			byStream.computeIfAbsent(entry.getStream(), key -> new ArrayList<>()).add(entry);
		}
		List<Future<Boolean>> shards = new ArrayList<>();
		for (Map.Entry<String, List<MapRecord<String, Object, Object>>> stream : byStream.entrySet()) {
			shards.add(this.publishers.submit(() -> publishInOrder(stream.getKey(), stream.getValue())));
		}
		boolean all = true;
		for (Future<Boolean> shard : shards) {
			all &= await(shard, false);
		}
		return all;
	}

	@SuppressWarnings("unchecked")
	private List<MapRecord<String, Object, Object>> read(ReadOffset offset, boolean block) {
		StreamReadOptions options = StreamReadOptions.empty().count(this.settings.batchSize());
		if (block) {
			options = options.block(this.settings.pollTimeout());
		}
		StreamOffset<String>[] offsets = this.held.stream()
			.map(shard -> StreamOffset.create(this.outbox.stream(shard), offset))
			.toArray(StreamOffset[]::new);
		List<MapRecord<String, Object, Object>> entries = this.redis.opsForStream()
			.read(Consumer.from(GROUP, this.relayId), options, offsets);
		return (entries != null) ? entries : List.of();
	}

	/**
	 * Publishes the entries of one stream: the entries of each subject in the order written, one
	 * after the other, and the subjects side by side, so the broker takes many in one request.
	 * A subject stops at its first entry the broker does not take; the others go on. The entries
	 * the broker took are then removed in one step, so a relay that dies before that step leaves
	 * them to be published again (the same event ids, which consumers drop). An entry of a
	 * snapshot type ({@code fnorders.outbox.snapshots}) that a newer entry of the batch about the
	 * same subject supersedes is not published but removed; the newest stays in the stream until
	 * it is published itself.
	 * @return false when some entry could not be published
	 */
	private boolean publishInOrder(String stream, List<MapRecord<String, Object, Object>> entries) {
		// the entries that can be published (the others are set aside here), and of each subject's
		// snapshots among them the newest
		List<MapRecord<String, Object, Object>> publishable = new ArrayList<>();
		List<Outgoing> messages = new ArrayList<>();
		Map<String, Integer> newestSnapshot = new HashMap<>();
		for (MapRecord<String, Object, Object> entry : entries) {
			Optional<Outgoing> message = messageOf(stream, entry);
			if (message.isPresent()) {
				int index = publishable.size();
				publishable.add(entry);
				messages.add(message.get());
				snapshotOf(entry).ifPresent(subject -> newestSnapshot.put(subject, index));
			}
		}
		List<String> removed = new ArrayList<>();
		Map<String, List<Integer>> bySubject = new LinkedHashMap<>();
		for (int i = 0; i < publishable.size(); i++) {
			MapRecord<String, Object, Object> entry = publishable.get(i);
			Optional<String> snapshot = snapshotOf(entry);
			if (snapshot.isPresent() && newestSnapshot.get(snapshot.get()) != i) {
				removed.add(entry.getId().getValue());
			}
			else {
				bySubject.computeIfAbsent(field(entry, Outbox.SUBJECT), subject -> new ArrayList<>()).add(i);
			}
		}
		int superseded = removed.size();
		List<List<Integer>> subjects = List.copyOf(bySubject.values());
		int[] sent = sendInOrder(stream, publishable, messages, subjects);
		boolean all = true;
		for (int subject = 0; subject < subjects.size(); subject++) {
			List<Integer> ofSubject = subjects.get(subject);
			all &= sent[subject] == ofSubject.size();
			ofSubject.subList(0, sent[subject]).forEach(index -> removed.add(publishable.get(index).getId().getValue()));
		}
		if (!removed.isEmpty()) {
			List<Object> arguments = new ArrayList<>(List.of(GROUP));
			arguments.addAll(removed);
			this.redis.execute(PUBLISHED, List.of(stream), arguments.toArray());
			this.metrics.published(removed.size() - superseded);
			this.metrics.superseded(superseded);
		}
		return all;
	}

	/**
	 * Sends each subject's entries in order, the subjects side by side: in rounds, the first entry
	 * of every subject at once, then, once the broker has them all, the second of those that have
	 * one, and so on. A subject whose entry the broker refused sends nothing more.
	 * @return how many entries of each subject the broker took, in the order of {@code subjects}
	 */
	private int[] sendInOrder(String stream, List<MapRecord<String, Object, Object>> entries,
			List<Outgoing> messages, List<List<Integer>> subjects) {
		int[] sent = new int[subjects.size()];
		boolean[] stopped = new boolean[subjects.size()];
		for (int round = 0;; round++) {
			Map<Integer, CompletableFuture<?>> inFlight = new LinkedHashMap<>();
			for (int subject = 0; subject < subjects.size(); subject++) {
				List<Integer> ofSubject = subjects.get(subject);
				if (!stopped[subject] && round < ofSubject.size()) {
					MapRecord<String, Object, Object> entry = entries.get(ofSubject.get(round));
					Outgoing outgoing = messages.get(ofSubject.get(round));
					inFlight.put(subject, start(binding(entry), field(entry, Outbox.SUBJECT), outgoing.message(),
							outgoing.attributes()));
				}
			}
			if (inFlight.isEmpty()) {
				return sent;
			}
			for (Map.Entry<Integer, CompletableFuture<?>> send : inFlight.entrySet()) {
				MapRecord<String, Object, Object> entry = entries.get(subjects.get(send.getKey()).get(round));
				Throwable failure = failureOf(send.getValue());
				if (failure == null) {
					sent[send.getKey()]++;
					continue;
				}
				stopped[send.getKey()] = true;
				this.metrics.failed();
				log.warn("The broker did not take an outbox entry; its subject waits: {}", Failures.describe(failure),
						kv("stream", stream), kv("entry", entry.getId().getValue()), kv("eventId", field(entry, Outbox.ID)));
			}
		}
	}

	/** A send started, or one that failed at once (a broker that cannot be reached within max.block.ms, say). */
	private CompletableFuture<?> start(String binding, String subject, Message<byte[]> message,
			Map<String, String> attributes) {
		try {
			return this.sender.send(binding, subject, message, attributes);
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	/** Why a send failed, or null once the broker has its event; an interrupted wait counts as failed. */
	private static @Nullable Throwable failureOf(CompletableFuture<?> send) {
		try {
			send.get();
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return ex;
		}
		catch (ExecutionException ex) {
			return ex.getCause();
		}
	}

	/** What a publishing task came to, or {@code whenInterrupted} when this thread is interrupted. */
	private static <T> T await(Future<T> task, T whenInterrupted) {
		try {
			return task.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return whenInterrupted;
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(ex.getCause());
		}
	}

	/** The subject and type of an entry of a snapshot type, as one key; empty for any other entry. */
	private Optional<String> snapshotOf(MapRecord<String, Object, Object> entry) {
		String type = field(entry, Outbox.TYPE);
		String subject = field(entry, Outbox.SUBJECT);
		if (subject.isEmpty() || !this.settings.snapshots().contains(type)) {
			return Optional.empty();
		}
		return Optional.of(type + " " + binding(entry) + " " + subject);
	}

	/** An entry's event as it is sent, and the attributes of its write (its trace among them). */
	private record Outgoing(Message<byte[]> message, Map<String, String> attributes) {
	}

	/** The message of an entry, or empty when the entry cannot be published (then it is set aside). */
	private Optional<Outgoing> messageOf(String stream, MapRecord<String, Object, Object> entry) {
		Optional<EventType<?>> type = EventTypes.named(field(entry, Outbox.TYPE));
		String id = field(entry, Outbox.ID);
		String subject = field(entry, Outbox.SUBJECT);
		String data = field(entry, Outbox.DATA);
		if (type.isEmpty() || id.isEmpty() || subject.isEmpty() || data.isEmpty() || binding(entry).isEmpty()) {
			setAside(stream, entry, "an entry needs a known type, an id, a subject, data and a binding");
			return Optional.empty();
		}
		Map<String, String> attributes = attributes(entry);
		String written = attributes.get(Outbox.TIME);
		OffsetDateTime time = (written != null) ? OffsetDateTime.parse(written) : OffsetDateTime.now();
		return Optional.of(new Outgoing(
				this.cloudEvents.message(type.get(), id, subject, data.getBytes(StandardCharsets.UTF_8), time), attributes));
	}

	private void setAside(String stream, MapRecord<String, Object, Object> entry, String reason) {
		log.error("An outbox entry cannot be published and is set aside in {}: {}", this.outbox.setAsideStream(), reason,
				kv("stream", stream), kv("entry", entry.getId().getValue()));
		this.redis.execute(SET_ASIDE, List.of(stream, this.outbox.setAsideStream()), GROUP, entry.getId().getValue(), reason);
		this.metrics.setAside();
	}

	/**
	 * Renews the shards this relay holds, gives up what is beyond its fair part, and takes free
	 * shards up to it; a shard taken over brings the entries its last holder left unacknowledged.
	 */
	private void balance() {
		String leaseMillis = String.valueOf(this.settings.leaseTime().toMillis());
		Long relays = this.redis.execute(RELAYS, List.of(this.outbox.relaysKey()), this.relayId, leaseMillis);
		int fairPart = (int) Math.ceil((double) this.settings.shards() / Math.max(1, (relays != null) ? relays : 1));
		for (Integer shard : List.copyOf(this.held)) {
			if (!lease(shard, "renew")) {
				this.held.remove(shard);
				log.warn("Lost the lease of an outbox shard", kv("shard", shard));
			}
		}
		while (this.held.size() > fairPart) {
			Integer shard = this.held.pollLast();
			lease(shard, "give");
		}
		for (int shard = 0; shard < this.settings.shards() && this.held.size() < fairPart; shard++) {
			if (!this.held.contains(shard) && lease(shard, "take")) {
				Long taken = this.redis.execute(TAKE_OVER, List.of(this.outbox.stream(shard)), GROUP, this.relayId);
				this.held.add(shard);
				log.info("Relaying an outbox shard", kv("shard", shard), kv("takenOver", taken));
			}
		}
		this.metrics.held(this.held.size());
	}

	private boolean lease(int shard, String mode) {
		Long held = this.redis.execute(LEASE, List.of(this.outbox.leaseOf(shard)), this.relayId,
				String.valueOf(this.settings.leaseTime().toMillis()), mode);
		return held != null && held == 1;
	}

	private void giveUpShards() {
		try {
			for (Integer shard : this.held) {
				lease(shard, "give");
			}
			this.redis.opsForZSet().remove(this.outbox.relaysKey(), this.relayId);
		}
		catch (RuntimeException ex) {
			log.info("Could not give up the outbox shards; their leases lapse: {}", Failures.describe(ex));
		}
		this.held.clear();
		this.metrics.held(0);
	}

	private Map<String, String> attributes(MapRecord<String, Object, Object> entry) {
		String attributes = field(entry, Outbox.ATTRIBUTES);
		return attributes.isEmpty() ? Map.of() : this.json.readValue(attributes, ATTRIBUTES);
	}

	private static String binding(MapRecord<String, Object, Object> entry) {
		return field(entry, Outbox.BINDING);
	}

	private static String field(MapRecord<String, Object, Object> entry, String name) {
		Object value = entry.getValue().get(name);
		return (value != null) ? value.toString() : "";
	}

	private void pause(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.running = false;
		}
	}

	private static Duration min(Duration first, Duration second) {
		return (first.compareTo(second) <= 0) ? first : second;
	}

}
