package io.fnorders.cart;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.fnorders.cart.shopping.CartLine;
import io.fnorders.cart.shopping.Order;
import io.fnorders.cart.shopping.OrderStatus;
import io.fnorders.cart.shopping.OrderStore;
import io.fnorders.cart.shopping.Placement;
import io.fnorders.cart.shopping.Transition;
import io.fnorders.events.EventTypes;
import io.fnorders.events.OrderCancelled;
import io.fnorders.events.OrderLine;
import io.fnorders.events.OrderPlaced;
import io.fnorders.platform.outbox.Outbox;
import io.fnorders.platform.redis.LuaScripts;
import io.fnorders.values.Money;
import io.fnorders.values.Sku;
import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * Orders in Redis: one hash per order ({@code <prefix>:order:<orderId>}) whose status changes
 * only through a compare-and-set script, and one key per checkout idempotency key
 * ({@code <prefix>:checkout:<customerId>:<key>} → orderId, set once). Placing and cancelling queue
 * {@code order.placed} and {@code order.cancelled} (published on {@code orderEvents}, keyed by
 * orderId) in the outbox in the same script. Their ids are {@code <type>:<orderId>}, so a
 * repeated publication is recognised downstream as the same event.
 */
@Repository
class RedisOrderStore implements OrderStore {

	static final String BINDING = "orderEvents";

	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> CHECKOUT = LuaScripts.of("scripts/checkout.lua", List.class);

	private static final RedisScript<Long> TRANSITION = LuaScripts.of("scripts/transition.lua", Long.class);

	/** What the transition script answers when it changed the status. */
	private static final long CHANGED = 2;

	private final StringRedisTemplate redis;

	private final JsonMapper json;

	private final CartProperties properties;

	private final CartKeys keys;

	private final Outbox outbox;

	RedisOrderStore(StringRedisTemplate redis, JsonMapper json, CartProperties properties, CartKeys keys,
			Outbox outbox) {
		this.redis = redis;
		this.json = json;
		this.properties = properties;
		this.keys = keys;
		this.outbox = outbox;
	}

	@Override
	public Placement place(Order order, String idempotencyKey, long cartRevision) {
		List<String> fields = fields(order);
		List<String> args = new ArrayList<>(List.of(order.orderId(), String.valueOf(cartRevision),
				seconds(this.properties.checkoutKeyTtl().toSeconds()), seconds(this.properties.orderRetention().toSeconds()),
				seconds(this.properties.idleTtl().toSeconds()), String.valueOf(fields.size())));
		args.addAll(fields);
		args.addAll(this.outbox.entry(BINDING, EventTypes.ORDER_PLACED, EventTypes.ORDER_PLACED.name() + ":"
				+ order.orderId(), order.orderId(), placed(order)));
		List<?> result = this.redis.execute(CHECKOUT,
				List.of(this.keys.checkout(order.customerId(), idempotencyKey), this.keys.order(order.orderId()),
						this.keys.cart(order.customerId()), this.outbox.streamOf(order.orderId())),
				args.toArray());
		return switch (String.valueOf(result.get(0))) {
			case "PLACED" -> new Placement.Placed();
			case "PLACED_BEFORE" -> new Placement.PlacedBefore(String.valueOf(result.get(1)));
			default -> new Placement.CartChanged();
		};
	}

	@Override
	public Optional<String> checkoutOf(String customerId, String idempotencyKey) {
		return Optional.ofNullable(this.redis.opsForValue().get(this.keys.checkout(customerId, idempotencyKey)));
	}

	@Override
	public Optional<Order> find(String orderId) {
		Map<Object, Object> fields = this.redis.opsForHash().entries(this.keys.order(orderId));
		if (fields.isEmpty()) {
			return Optional.empty();
		}
		String currency = fields.get("currency").toString();
		List<CartLine> lines = new ArrayList<>();
		for (JsonNode line : this.json.readTree(fields.get("lines").toString())) {
			lines.add(new CartLine(Sku.of(line.get("sku").asString()), line.get("name").asString(),
					Money.of(new BigDecimal(line.get("unitPrice").asString()), currency), line.get("quantity").asInt()));
		}
		String reason = fields.get("reason").toString();
		return Optional.of(new Order(orderId, fields.get("customerId").toString(), lines,
				Money.of(new BigDecimal(fields.get("total").toString()), currency),
				OrderStatus.valueOf(fields.get("status").toString()), reason.isEmpty() ? null : reason,
				Instant.parse(fields.get("placedAt").toString()), (String) fields.get("email")));
	}

	@Override
	public Optional<Transition> transition(String orderId, Set<OrderStatus> from, OrderStatus to,
			@Nullable String reason) {
		return move(orderId, from, to, reason, List.of(), List.of());
	}

	@Override
	public Optional<Transition> cancel(Order order, Set<OrderStatus> from, String reason) {
		List<String> event = this.outbox.entry(BINDING, EventTypes.ORDER_CANCELLED,
				EventTypes.ORDER_CANCELLED.name() + ":" + order.orderId(), order.orderId(),
				new OrderCancelled(order.orderId(), order.customerId(), reason, order.email()));
		return move(order.orderId(), from, OrderStatus.CANCELLED, reason, List.of(this.outbox.streamOf(order.orderId())),
				event);
	}

	/** The transition script, with the outbox stream and entry of the event that announces it, if any. */
	private Optional<Transition> move(String orderId, Set<OrderStatus> from, OrderStatus to, @Nullable String reason,
			List<String> stream, List<String> event) {
		List<String> args = new ArrayList<>(List.of(to.name(), (reason != null) ? reason : "",
				seconds(this.properties.orderRetention().toSeconds()), String.valueOf(from.size())));
		from.forEach(status -> args.add(status.name()));
		args.addAll(event);
		List<String> keys = new ArrayList<>(List.of(this.keys.order(orderId)));
		keys.addAll(stream);
		Long result = this.redis.execute(TRANSITION, keys, args.toArray());
		if (result == null || result == 0) {
			return Optional.empty();
		}
		boolean changed = result == CHANGED;
		return find(orderId).map(order -> new Transition(order, changed));
	}

	private List<String> fields(Order order) {
		ArrayNode lines = this.json.createArrayNode();
		for (CartLine line : order.lines()) {
			lines.addObject()
				.put("sku", line.sku().value())
				.put("name", line.name())
				.put("unitPrice", line.unitPrice().amount().toPlainString())
				.put("quantity", line.quantity());
		}
		List<String> fields = new ArrayList<>(List.of("customerId", order.customerId(), "status",
				order.status().name(), "reason", (order.reason() != null) ? order.reason() : "", "placedAt",
				order.placedAt().toString(), "total", order.total().amount().toPlainString(), "currency",
				order.total().currencyCode(), "lines", this.json.writeValueAsString(lines)));
		if (order.email() != null) {
			fields.addAll(List.of("email", order.email()));
		}
		return fields;
	}

	private static OrderPlaced placed(Order order) {
		return new OrderPlaced(order.orderId(), order.customerId(), order.lines()
			.stream()
			.map(line -> new OrderLine(line.sku().value(), line.quantity(), line.unitPrice().amount()))
			.toList(), order.total().amount(), order.total().currencyCode(), order.placedAt(), order.email());
	}

	private static String seconds(long seconds) {
		return String.valueOf(Math.max(1, seconds));
	}

}
