package io.fnorders.platform.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.fnorders.events.EventType;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * A service's outbox: the Redis streams its scripts append events to, and the entries they append.
 * An entry is a flat list of fields, as {@code XADD} takes them: the output binding, the
 * CloudEvents {@code type}, {@code id} and {@code subject}, the JSON {@code data}, and the other
 * {@code attributes} (source, time, data schema, and the trace the write belonged to). The events
 * of one subject always go to the same shard, so they are published in the order written.
 */
public class Outbox {

	static final String BINDING = "binding";

	static final String TYPE = "type";

	static final String ID = "id";

	static final String SUBJECT = "subject";

	static final String DATA = "data";

	static final String ATTRIBUTES = "attributes";

	/** Attribute names in {@link #ATTRIBUTES}; anything else there is a header (the trace). */
	static final String SOURCE = "source";

	static final String TIME = "time";

	static final String DATA_SCHEMA = "dataschema";

	private final String keyPrefix;

	private final int shards;

	private final String source;

	private final JsonMapper json;

	private final Clock clock;

	private final @Nullable Tracer tracer;

	private final @Nullable Propagator propagator;

	/**
	 * @param keyPrefix the prefix of the stream keys, {@code <prefix>:<shard>}
	 * @param source the CloudEvents {@code source}: the service's name
	 * @param tracer with {@code propagator}, records the trace of the write in each entry, so the
	 * published event continues it; either may be absent
	 */
	public Outbox(String keyPrefix, int shards, String source, JsonMapper json, Clock clock, @Nullable Tracer tracer,
			@Nullable Propagator propagator) {
		if (shards < 1) {
			throw new IllegalArgumentException("an outbox has at least one shard");
		}
		this.keyPrefix = keyPrefix;
		this.shards = shards;
		this.source = source;
		this.json = json;
		this.clock = clock;
		this.tracer = tracer;
		this.propagator = propagator;
	}

	/** The stream the events of this subject go to. */
	public String streamOf(String subject) {
		return stream(Math.floorMod(subject.hashCode(), this.shards));
	}

	/** Every stream of the outbox, shard 0 first. */
	public List<String> streams() {
		return IntStream.range(0, this.shards).mapToObj(this::stream).toList();
	}

	String stream(int shard) {
		return this.keyPrefix + ":" + shard;
	}

	/** Who relays a shard now: {@code <prefix>:<shard>:lease}. */
	String leaseOf(int shard) {
		return stream(shard) + ":lease";
	}

	/** The relays alive, by when they last said so. */
	String relaysKey() {
		return this.keyPrefix + ":relays";
	}

	/** Entries that cannot be published (a bug, never an outage), kept with the reason. */
	String setAsideStream() {
		return this.keyPrefix + ":set-aside";
	}

	int shards() {
		return this.shards;
	}

	/** The fields of an entry announcing {@code data} as an event of {@code type}. */
	public <T> List<String> entry(String binding, EventType<T> type, String id, String subject, T data) {
		List<String> fields = new ArrayList<>(partialEntry(binding, type));
		fields.addAll(List.of(ID, id, SUBJECT, subject, DATA,
				new String(this.json.writeValueAsBytes(data), StandardCharsets.UTF_8)));
		return fields;
	}

	/**
	 * The fields of an entry whose id, subject and data a script fills in itself ({@code 'id'},
	 * {@code 'subject'} and {@code 'data'} follow), because only it knows them: the stock levels a
	 * reservation leaves, say.
	 */
	public List<String> partialEntry(String binding, EventType<?> type) {
		return List.of(BINDING, binding, TYPE, type.name(), ATTRIBUTES, attributes(type));
	}

	/**
	 * The fields of an entry whose data alone a script fills in ({@code 'data'} follows), because
	 * only it knows it: why an order is rejected, say.
	 */
	public List<String> partialEntry(String binding, EventType<?> type, String id, String subject) {
		List<String> fields = new ArrayList<>(partialEntry(binding, type));
		fields.addAll(List.of(ID, id, SUBJECT, subject));
		return fields;
	}

	private String attributes(EventType<?> type) {
		Map<String, String> attributes = new LinkedHashMap<>();
		attributes.put(SOURCE, this.source);
		attributes.put(TIME, OffsetDateTime.now(this.clock).toString());
		attributes.put(DATA_SCHEMA, type.dataSchema());
		TraceContext trace = (this.tracer != null) ? this.tracer.currentTraceContext().context() : null;
		if (trace != null && this.propagator != null) {
			this.propagator.inject(trace, attributes, Map::put);
		}
		return this.json.writeValueAsString(attributes);
	}

}
