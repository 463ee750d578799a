package io.fnorders.cart;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.fnorders.cart.shopping.Cart;
import io.fnorders.cart.shopping.CartLine;
import io.fnorders.cart.shopping.CartStore;
import io.fnorders.cart.shopping.CatalogItem;
import io.fnorders.errors.ConflictException;
import io.fnorders.errors.InvalidInputException;
import io.fnorders.platform.redis.LuaScripts;
import io.fnorders.values.Money;
import io.fnorders.values.Sku;
import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Repository;

/**
 * Carts in Redis: one hash per customer ({@code <prefix>:cart:<customerId>}), changed only by
 * Lua scripts, so concurrent adds never lose an update; each change renews the idle time-out and
 * counts one more revision.
 */
@Repository
class RedisCartStore implements CartStore {

	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> ADD = LuaScripts.of("scripts/add-item.lua", List.class);

	private static final RedisScript<Long> REMOVE = LuaScripts.of("scripts/remove-items.lua", Long.class);

	private final StringRedisTemplate redis;

	private final CartProperties properties;

	private final CartKeys keys;

	RedisCartStore(StringRedisTemplate redis, CartProperties properties, CartKeys keys) {
		this.redis = redis;
		this.properties = properties;
		this.keys = keys;
	}

	@Override
	public Cart add(String customerId, CatalogItem item, int quantity) {
		List<?> result = this.redis.execute(ADD, List.of(cartKey(customerId)), item.sku().value(),
				String.valueOf(quantity), item.name(), item.price().amount().toPlainString(), item.price().currencyCode(),
				idleSeconds(), String.valueOf(Cart.MAX_QUANTITY), String.valueOf(Cart.MAX_LINES));
		String outcome = String.valueOf(result.get(0));
		if ("CURRENCY".equals(outcome)) {
			throw new ConflictException("the cart is in " + result.get(1) + " but " + item.sku() + " is priced in "
					+ item.price().currencyCode());
		}
		if ("TOO_MANY".equals(outcome)) {
			throw new InvalidInputException("a cart line holds at most " + Cart.MAX_QUANTITY + " units; "
					+ result.get(1) + " of " + item.sku() + " are in the cart already");
		}
		if ("FULL".equals(outcome)) {
			throw new ConflictException("a cart holds at most " + Cart.MAX_LINES + " different products");
		}
		return get(customerId);
	}

	@Override
	public Cart remove(String customerId, Sku sku, @Nullable Integer quantity) {
		this.redis.execute(REMOVE, List.of(cartKey(customerId)), idleSeconds(), sku.value(),
				(quantity != null) ? String.valueOf(quantity) : "");
		return get(customerId);
	}

	@Override
	public Cart get(String customerId) {
		Map<Object, Object> fields = this.redis.opsForHash().entries(cartKey(customerId));
		List<Map.Entry<Long, CartLine>> lines = new ArrayList<>();
		for (Map.Entry<Object, Object> field : fields.entrySet()) {
			String name = field.getKey().toString();
			if (name.startsWith("q:")) {
				String sku = name.substring(2);
				CartLine line = new CartLine(Sku.of(sku), String.valueOf(fields.get("n:" + sku)),
						Money.of(new BigDecimal(String.valueOf(fields.get("p:" + sku))),
								String.valueOf(fields.get("currency"))),
						Integer.parseInt(field.getValue().toString()));
				lines.add(Map.entry(Long.parseLong(String.valueOf(fields.getOrDefault("o:" + sku, "0"))), line));
			}
		}
		lines.sort(Map.Entry.comparingByKey(Comparator.naturalOrder()));
		return new Cart(customerId, lines.stream().map(Map.Entry::getValue).toList(),
				Long.parseLong(String.valueOf(fields.getOrDefault("rev", "0"))));
	}

	private String idleSeconds() {
		return String.valueOf(this.properties.idleTtl().toSeconds());
	}

	private String cartKey(String customerId) {
		return this.keys.cart(customerId);
	}

}
