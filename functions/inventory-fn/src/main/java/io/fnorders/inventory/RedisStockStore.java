package io.fnorders.inventory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fnorders.errors.ConflictException;
import io.fnorders.events.EventTypes;
import io.fnorders.inventory.stock.Release;
import io.fnorders.inventory.stock.ReservationFailedException;
import io.fnorders.inventory.stock.ReservationOutcome;
import io.fnorders.inventory.stock.ReservationRequest;
import io.fnorders.inventory.stock.RequestScope;
import io.fnorders.inventory.stock.Shortage;
import io.fnorders.inventory.stock.StockLevel;
import io.fnorders.inventory.stock.StockStore;
import io.fnorders.platform.outbox.Outbox;
import io.fnorders.platform.redis.LuaScripts;
import io.fnorders.platform.redis.PipelinedScripts;
import io.fnorders.platform.redis.ScriptCall;
import io.fnorders.values.Sku;
import org.springframework.data.redis.connection.RedisPipelineException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Stock and reservations in Redis. Each sku's stock is a hash ({@code <prefix>:stock:<sku>}:
 * onHand, reserved, version); each decided order a JSON record ({@code <prefix>:reservation:<id>},
 * kept {@code reservation-retention}). Every change is one Lua script (scripts/*.lua), so checking
 * and reserving all lines of an order is a single atomic step however many instances and threads
 * run it, and each change of a sku's stock queues {@code stock.changed} (on {@code stockEvents},
 * id {@code <sku>@<version>}, so the same snapshot always has the same id) in the same step, as
 * deciding an order queues its outcome ({@link OrderStatusEntries}).
 */
@Repository
class RedisStockStore implements StockStore {

	static final String BINDING = "stockEvents";

	private static final RedisScript<String> RESERVE = script("reserve", String.class);

	private static final RedisScript<String> REJECT = script("reject", String.class);

	private static final RedisScript<String> RELEASE = script("release", String.class);

	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> SET = script("set-stock", List.class);

	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> ADD = script("add-stock", List.class);

	/** How often a release reads the record again when it changed meanwhile. */
	private static final int RELEASE_ATTEMPTS = 3;

	private final StringRedisTemplate redis;

	private final JsonMapper json;

	private final InventoryProperties properties;

	private final Outbox outbox;

	private final OrderStatusEntries orderStatus;

	private final PipelinedScripts scripts;

	RedisStockStore(StringRedisTemplate redis, JsonMapper json, InventoryProperties properties, Outbox outbox,
			OrderStatusEntries orderStatus) {
		this.redis = redis;
		this.scripts = new PipelinedScripts(redis);
		this.json = json;
		this.properties = properties;
		this.outbox = outbox;
		this.orderStatus = orderStatus;
	}

	/** A script of scripts/, with the shared stock announcement (stock-announcement.lua) before it. */
	private static <T> RedisScript<T> script(String name, Class<T> resultType) {
		return RedisScript.of(read("stock-announcement") + "\n" + read(name), resultType);
	}

	private static String read(String name) {
		return LuaScripts.text("scripts/" + name + ".lua");
	}

	@Override
	public StockLevel set(Sku sku, long onHand) {
		List<?> result = this.redis.execute(SET, List.of(stockKey(sku), this.outbox.streamOf(sku.value())),
				withAnnouncement(sku.value(), String.valueOf(onHand)));
		StockLevel level = level(sku, result);
		if (number(result, 3) == 0) {
			throw new ConflictException("cannot set the stock of " + sku + " to " + onHand + ": " + level.reserved()
					+ " units are reserved");
		}
		return level;
	}

	@Override
	public StockLevel add(Sku sku, long units) {
		return level(sku, this.redis.execute(ADD, List.of(stockKey(sku), this.outbox.streamOf(sku.value())),
				withAnnouncement(sku.value(), String.valueOf(units))));
	}

	@Override
	public Optional<StockLevel> find(Sku sku) {
		List<Object> fields = this.redis.opsForHash().multiGet(stockKey(sku), List.of("onHand", "reserved", "version"));
		if (fields.get(0) == null) {
			return Optional.empty();
		}
		return Optional.of(new StockLevel(sku, Long.parseLong((String) fields.get(0)),
				Long.parseLong((String) fields.get(1)), Long.parseLong((String) fields.get(2))));
	}

	@Override
	public ReservationOutcome reserve(ReservationRequest request) {
		ScriptCall call = reservation(request);
		return outcomeOf(request, this.json.readTree(this.redis.execute(RESERVE, call.keys(), call.arguments().toArray())));
	}

	/**
	 * Each request's reserve script, pipelined: one round trip for the lot, and Redis runs each
	 * script whole, one after the other, in the order sent. A script that failed (Redis full, say)
	 * leaves the ones before it decided.
	 */
	@Override
	public List<ReservationOutcome> reserveAll(List<ReservationRequest> requests, RequestScope scope) {
		List<ScriptCall> calls = new ArrayList<>(requests.size());
		for (int index = 0; index < requests.size(); index++) {
			ReservationRequest request = requests.get(index);
			calls.add(scope.within(index, () -> reservation(request)));
		}
		List<Object> results;
		try {
			results = this.scripts.pipelined(RESERVE, calls);
		}
		catch (RedisPipelineException ex) {
			throw partly(requests, ex.getPipelineResult(), ex);
		}
		catch (RuntimeException ex) {
			throw new ReservationFailedException(0, ex, List.of());
		}
		List<ReservationOutcome> outcomes = new ArrayList<>(requests.size());
		for (int index = 0; index < requests.size(); index++) {
			outcomes.add(outcomeOf(requests.get(index), this.json.readTree((String) results.get(index))));
		}
		return outcomes;
	}

	/** The outcomes of the scripts before the first that failed, and that failure. */
	private ReservationFailedException partly(List<ReservationRequest> requests, List<Object> results,
			RuntimeException failure) {
		List<ReservationOutcome> decided = new ArrayList<>();
		for (int index = 0; index < results.size() && index < requests.size(); index++) {
			if (!(results.get(index) instanceof String result)) {
				Object cause = results.get(index);
				return new ReservationFailedException(index, (cause instanceof RuntimeException thrown) ? thrown : failure,
						decided);
			}
			decided.add(outcomeOf(requests.get(index), this.json.readTree(result)));
		}
		return new ReservationFailedException(decided.size(), failure, decided);
	}

	/** The reserve script's keys and arguments for one request. */
	private ScriptCall reservation(ReservationRequest request) {
		ObjectNode body = this.json.createObjectNode()
			.put("orderId", request.orderId())
			.put("customerId", request.customerId())
			.put("email", request.email());
		ArrayNode lines = body.putArray("lines");
		request.quantities().forEach((sku, quantity) -> lines.addObject().put("sku", sku.value()).put("quantity", quantity));
		List<String> keys = lineKeys(request.orderId(), List.copyOf(request.quantities().keySet()));
		keys.add(this.orderStatus.streamOf(request));
		return new ScriptCall(keys, announcing(this.json.writeValueAsString(body), retention(),
				this.json.writeValueAsString(this.orderStatus.confirmed(request)),
				this.json.writeValueAsString(this.orderStatus.rejectedWithoutData(request))));
	}

	@Override
	public ReservationOutcome reject(ReservationRequest request, String reason) {
		ObjectNode record = this.json.createObjectNode()
			.put("orderId", request.orderId())
			.put("customerId", request.customerId())
			.put("status", "REJECTED")
			.put("reason", reason);
		List<String> arguments = new ArrayList<>(List.of(this.json.writeValueAsString(record), retention()));
		arguments.addAll(this.orderStatus.rejected(request, reason));
		JsonNode result = this.json.readTree(this.redis.execute(REJECT,
				List.of(reservationKey(request.orderId()), this.orderStatus.streamOf(request)), arguments.toArray()));
		return outcomeOf(request, result);
	}

	private ReservationOutcome outcomeOf(ReservationRequest request, JsonNode result) {
		JsonNode reservation = result.get("reservation");
		boolean repeated = result.get("repeated").asBoolean();
		String customerId = reservation.path("customerId").asString(request.customerId());
		return switch (reservation.get("status").asString()) {
			case "CONFIRMED", "RELEASED" -> new ReservationOutcome.Confirmed(request.orderId(), customerId,
					lines(reservation.get("lines")), repeated);
			case "CANCELLED" -> new ReservationOutcome.Cancelled(request.orderId(), customerId, repeated);
			default -> rejection(request.orderId(), customerId, reservation, repeated);
		};
	}

	private static ReservationOutcome.Rejected rejection(String orderId, String customerId, JsonNode reservation,
			boolean repeated) {
		List<Shortage> shortages = new ArrayList<>();
		for (JsonNode shortage : elements(reservation.get("shortages"))) {
			shortages.add(new Shortage(Sku.of(shortage.get("sku").asString()), shortage.get("requested").asInt(),
					shortage.get("available").asLong(), shortage.get("unknownSku").asBoolean()));
		}
		return new ReservationOutcome.Rejected(orderId, customerId, reservation.path("reason").asString(""), shortages,
				repeated);
	}

	@Override
	public Optional<Release> release(String orderId, String customerId) {
		String cancelledFirst = this.json.writeValueAsString(this.json.createObjectNode()
			.put("orderId", orderId)
			.put("customerId", customerId)
			.put("status", "CANCELLED"));
		for (int attempt = 0; attempt < RELEASE_ATTEMPTS; attempt++) {
			String recorded = this.redis.opsForValue().get(reservationKey(orderId));
			JsonNode record = (recorded != null) ? this.json.readTree(recorded) : null;
			List<Sku> skus = (record != null && holdsStock(record)) ? List.copyOf(lines(record.get("lines")).keySet())
					: List.of();
			JsonNode result = this.json.readTree(this.redis.execute(RELEASE, lineKeys(orderId, skus),
					withAnnouncement(retention(), cancelledFirst)));
			if (result.path("stale").asBoolean()) {
				continue;
			}
			if (!result.get("released").asBoolean()) {
				return Optional.empty();
			}
			return Optional.of(new Release(orderId, lines(result.get("reservation").get("lines")),
					result.get("repeated").asBoolean()));
		}
		throw new ConflictException("the reservation of order " + orderId + " kept changing while it was released");
	}

	/** Whether the record is of an order that holds (or held) stock: confirmed, or released since. */
	private static boolean holdsStock(JsonNode record) {
		String status = record.path("status").asString();
		return "CONFIRMED".equals(status) || "RELEASED".equals(status);
	}

	/** The reservation record, then the stock hash and the outbox stream of each sku. */
	private List<String> lineKeys(String orderId, List<Sku> skus) {
		List<String> keys = new ArrayList<>();
		keys.add(reservationKey(orderId));
		skus.forEach(sku -> keys.add(stockKey(sku)));
		skus.forEach(sku -> keys.add(this.outbox.streamOf(sku.value())));
		return keys;
	}

	/** The script's own arguments, then the first fields of every stock.changed entry it queues. */
	private Object[] withAnnouncement(String... arguments) {
		return announcing(arguments).toArray();
	}

	private List<String> announcing(String... arguments) {
		List<String> args = new ArrayList<>(List.of(arguments));
		args.addAll(this.outbox.partialEntry(BINDING, EventTypes.STOCK_CHANGED));
		return args;
	}

	private String retention() {
		return String.valueOf(Math.max(1, this.properties.reservationRetention().toSeconds()));
	}

	private Map<Sku, Integer> lines(JsonNode lines) {
		Map<Sku, Integer> quantities = new LinkedHashMap<>();
		for (JsonNode line : elements(lines)) {
			quantities.put(Sku.of(line.get("sku").asString()), line.get("quantity").asInt());
		}
		return quantities;
	}

	/** Lua's JSON encoder writes an empty list as {}: both mean "none". */
	private static Iterable<JsonNode> elements(JsonNode node) {
		return (node != null && node.isArray()) ? node : List.of();
	}

	private static StockLevel level(Sku sku, List<?> result) {
		return new StockLevel(sku, number(result, 0), number(result, 1), number(result, 2));
	}

	private static long number(List<?> result, int index) {
		return ((Number) result.get(index)).longValue();
	}

	private String stockKey(Sku sku) {
		return this.properties.keyPrefix() + ":stock:" + sku.value();
	}

	private String reservationKey(String orderId) {
		return this.properties.keyPrefix() + ":reservation:" + orderId;
	}

}
