package io.fnorders.cart;

import java.math.BigDecimal;
import java.time.Duration;
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
import io.fnorders.cart.shopping.Transition;
import io.fnorders.errors.ConflictException;
import io.fnorders.values.Money;
import io.fnorders.values.Sku;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * Orders in Redis: one hash per order ({@code <prefix>:order:<orderId>}) whose status and
 * published flag change only through compare-and-set scripts, and one key per checkout
 * idempotency key ({@code <prefix>:checkout:<customerId>:<key>} → orderId, set once).
 */
@Repository
class RedisOrderStore implements OrderStore {

	private static final RedisScript<Long> TRANSITION = RedisScript.of(new ClassPathResource("scripts/transition.lua"),
			Long.class);

	private static final RedisScript<Long> MARK_PUBLISHED = RedisScript
		.of(new ClassPathResource("scripts/mark-published.lua"), Long.class);

	/** What the transition script answers when it changed the status. */
	private static final long CHANGED = 2;

	/** Longer than any checkout takes (publishing gives up within about ten seconds). */
	private static final Duration CHECKOUT_LOCK = Duration.ofSeconds(30);

	private final StringRedisTemplate redis;

	private final JsonMapper json;

	private final CartProperties properties;

	RedisOrderStore(StringRedisTemplate redis, JsonMapper json, CartProperties properties) {
		this.redis = redis;
		this.json = json;
		this.properties = properties;
	}

	@Override
	public String claimCheckout(String customerId, String idempotencyKey, String candidateOrderId) {
		String key = checkoutKey(customerId, idempotencyKey);
		for (int attempt = 0; attempt < 3; attempt++) {
			if (Boolean.TRUE.equals(this.redis.opsForValue()
				.setIfAbsent(key, candidateOrderId, this.properties.checkoutKeyTtl()))) {
				return candidateOrderId;
			}
			String winner = this.redis.opsForValue().get(key);
			if (winner != null) {
				return winner;
			}
		}
		throw new ConflictException("a checkout with this Idempotency-Key is in progress; retry shortly");
	}

	@Override
	public boolean lockCheckout(String customerId) {
		return Boolean.TRUE.equals(this.redis.opsForValue().setIfAbsent(lockKey(customerId), "locked", CHECKOUT_LOCK));
	}

	@Override
	public void unlockCheckout(String customerId) {
		this.redis.delete(lockKey(customerId));
	}

	@Override
	public void forgetCheckout(String customerId, String idempotencyKey) {
		this.redis.delete(checkoutKey(customerId, idempotencyKey));
	}

	@Override
	public void save(Order order) {
		ArrayNode lines = this.json.createArrayNode();
		for (CartLine line : order.lines()) {
			lines.addObject()
				.put("sku", line.sku().value())
				.put("name", line.name())
				.put("unitPrice", line.unitPrice().amount().toPlainString())
				.put("quantity", line.quantity());
		}
		this.redis.opsForHash()
			.putAll(orderKey(order.orderId()),
					Map.of("customerId", order.customerId(), "status", order.status().name(), "reason",
							(order.reason() != null) ? order.reason() : "", "placedAt", order.placedAt().toString(),
							"total", order.total().amount().toPlainString(), "currency", order.total().currencyCode(),
							"published", order.published() ? "1" : "0", "lines", this.json.writeValueAsString(lines)));
	}

	@Override
	public void delete(String orderId) {
		this.redis.delete(orderKey(orderId));
	}

	@Override
	public Optional<Order> find(String orderId) {
		Map<Object, Object> fields = this.redis.opsForHash().entries(orderKey(orderId));
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
				Instant.parse(fields.get("placedAt").toString()), "1".equals(fields.get("published"))));
	}

	@Override
	public boolean markPublished(String orderId) {
		Long marked = this.redis.execute(MARK_PUBLISHED, List.of(orderKey(orderId)));
		return marked != null && marked == 1;
	}

	@Override
	public Optional<Transition> transition(String orderId, Set<OrderStatus> from, OrderStatus to,
			@Nullable String reason) {
		List<String> args = new ArrayList<>(List.of(to.name(), (reason != null) ? reason : ""));
		from.forEach(status -> args.add(status.name()));
		Long result = this.redis.execute(TRANSITION, List.of(orderKey(orderId)), args.toArray());
		if (result == null || result == 0) {
			return Optional.empty();
		}
		boolean changed = result == CHANGED;
		return find(orderId).map(order -> new Transition(order, changed));
	}

	private String orderKey(String orderId) {
		return this.properties.keyPrefix() + ":order:" + orderId;
	}

	private String lockKey(String customerId) {
		return this.properties.keyPrefix() + ":checkout-lock:" + customerId;
	}

	private String checkoutKey(String customerId, String idempotencyKey) {
		return this.properties.keyPrefix() + ":checkout:" + customerId + ":" + idempotencyKey;
	}

}
