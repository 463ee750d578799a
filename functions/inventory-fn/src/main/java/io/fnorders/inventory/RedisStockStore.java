package io.fnorders.inventory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fnorders.errors.ConflictException;
import io.fnorders.inventory.stock.Release;
import io.fnorders.inventory.stock.ReservationOutcome;
import io.fnorders.inventory.stock.ReservationRequest;
import io.fnorders.inventory.stock.Shortage;
import io.fnorders.inventory.stock.StockLevel;
import io.fnorders.inventory.stock.StockStore;
import io.fnorders.values.Sku;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Stock and reservations in Redis. Each sku's stock is a hash ({@code <prefix>:stock:<sku>}:
 * onHand, reserved, version); each decided order a JSON record ({@code <prefix>:reservation:<id>}).
 * Every change is one Lua script (scripts/*.lua), so checking and reserving all lines of an
 * order is a single atomic step however many instances and threads run it.
 */
@Repository
class RedisStockStore implements StockStore {

	private static final RedisScript<String> RESERVE = script("reserve", String.class);

	private static final RedisScript<String> RELEASE = script("release", String.class);

	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> SET = script("set-stock", List.class);

	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> ADD = script("add-stock", List.class);

	private final StringRedisTemplate redis;

	private final JsonMapper json;

	private final String prefix;

	RedisStockStore(StringRedisTemplate redis, JsonMapper json, InventoryProperties properties) {
		this.redis = redis;
		this.json = json;
		this.prefix = properties.keyPrefix();
	}

	private static <T> RedisScript<T> script(String name, Class<T> resultType) {
		return RedisScript.of(new ClassPathResource("scripts/" + name + ".lua"), resultType);
	}

	@Override
	public StockLevel set(Sku sku, long onHand) {
		List<?> result = this.redis.execute(SET, List.of(stockKey(sku)), String.valueOf(onHand));
		StockLevel level = level(sku, result);
		if (number(result, 3) == 0) {
			throw new ConflictException("cannot set the stock of " + sku + " to " + onHand + ": "
					+ level.reserved() + " units are reserved");
		}
		return level;
	}

	@Override
	public StockLevel add(Sku sku, long units) {
		return level(sku, this.redis.execute(ADD, List.of(stockKey(sku)), String.valueOf(units)));
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
		List<String> keys = new ArrayList<>();
		keys.add(reservationKey(request.orderId()));
		ObjectNode body = this.json.createObjectNode()
			.put("orderId", request.orderId())
			.put("customerId", request.customerId());
		ArrayNode lines = body.putArray("lines");
		request.quantities().forEach((sku, quantity) -> {
			keys.add(stockKey(sku));
			lines.addObject().put("sku", sku.value()).put("quantity", quantity);
		});
		JsonNode result = this.json.readTree(this.redis.execute(RESERVE, keys, this.json.writeValueAsString(body)));
		JsonNode reservation = result.get("reservation");
		boolean repeated = result.get("repeated").asBoolean();
		List<StockLevel> levels = levels(result.get("levels"));
		String customerId = reservation.get("customerId").asString();
		if ("CONFIRMED".equals(reservation.get("status").asString())
				|| "RELEASED".equals(reservation.get("status").asString())) {
			return new ReservationOutcome.Confirmed(request.orderId(), customerId, lines(reservation.get("lines")),
					levels, repeated);
		}
		List<Shortage> shortages = new ArrayList<>();
		for (JsonNode shortage : elements(reservation.get("shortages"))) {
			shortages.add(new Shortage(Sku.of(shortage.get("sku").asString()), shortage.get("requested").asInt(),
					shortage.get("available").asLong(), shortage.get("unknownSku").asBoolean()));
		}
		return new ReservationOutcome.Rejected(request.orderId(), customerId, shortages, levels, repeated);
	}

	@Override
	public Optional<Release> release(String orderId) {
		String recorded = this.redis.opsForValue().get(reservationKey(orderId));
		if (recorded == null) {
			return Optional.empty();
		}
		List<String> keys = new ArrayList<>();
		keys.add(reservationKey(orderId));
		Map<Sku, Integer> recordedLines = lines(this.json.readTree(recorded).get("lines"));
		recordedLines.keySet().forEach(sku -> keys.add(stockKey(sku)));
		JsonNode result = this.json.readTree(this.redis.execute(RELEASE, keys));
		if (!result.get("released").asBoolean()) {
			return Optional.empty();
		}
		return Optional.of(new Release(orderId, lines(result.get("reservation").get("lines")),
				levels(result.get("levels")), result.get("repeated").asBoolean()));
	}

	private Map<Sku, Integer> lines(JsonNode lines) {
		Map<Sku, Integer> quantities = new LinkedHashMap<>();
		for (JsonNode line : elements(lines)) {
			quantities.put(Sku.of(line.get("sku").asString()), line.get("quantity").asInt());
		}
		return quantities;
	}

	private List<StockLevel> levels(JsonNode levels) {
		List<StockLevel> result = new ArrayList<>();
		for (JsonNode level : elements(levels)) {
			result.add(new StockLevel(Sku.of(level.get("sku").asString()), level.get("onHand").asLong(),
					level.get("reserved").asLong(), level.get("version").asLong()));
		}
		return result;
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
		return this.prefix + ":stock:" + sku.value();
	}

	private String reservationKey(String orderId) {
		return this.prefix + ":reservation:" + orderId;
	}

}
