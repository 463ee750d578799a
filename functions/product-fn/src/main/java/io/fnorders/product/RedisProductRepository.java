package io.fnorders.product;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.fnorders.errors.ConflictException;
import io.fnorders.events.EventTypes;
import io.fnorders.events.ProductUpserted;
import io.fnorders.platform.outbox.Outbox;
import io.fnorders.product.catalog.Product;
import io.fnorders.product.catalog.ProductRepository;
import io.fnorders.values.Money;
import io.fnorders.values.Sku;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataRetrievalFailureException;
import org.springframework.data.redis.core.RedisOperations;
import org.springframework.data.redis.core.SessionCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Repository;

/**
 * Products in Redis: one hash per product ({@code <prefix>:product:<sku>}) and a sorted set of
 * all skus ({@code <prefix>:skus}, every score 0, so it orders lexicographically). A save writes
 * both and queues {@code product.upserted} (on {@code productEvents}, keyed by sku) in the outbox
 * in one script, so a listing never names a product that is not there and no save goes
 * unannounced. The catalog holds at most {@code fnorders.catalog.max-products} products.
 */
@Repository
class RedisProductRepository implements ProductRepository {

	static final String BINDING = "productEvents";

	/**
	 * KEYS: the product hash, the sku set, the sku's outbox stream; ARGV: sku, name, description,
	 * category, price, currency, the most products, then the outbox entry. Returns 1 when saved, 0
	 * when the catalog is full and the sku is new.
	 */
	private static final RedisScript<Long> SAVE = RedisScript.of("""
			if redis.call('EXISTS', KEYS[1]) == 0 and redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[7]) then
			  return 0
			end
			redis.call('DEL', KEYS[1])
			redis.call('HSET', KEYS[1], 'sku', ARGV[1], 'name', ARGV[2], 'description', ARGV[3],
			  'category', ARGV[4], 'price', ARGV[5], 'currency', ARGV[6])
			redis.call('ZADD', KEYS[2], 0, ARGV[1])
			redis.call('XADD', KEYS[3], '*', unpack(ARGV, 8))
			return 1
			""", Long.class);

	private final StringRedisTemplate redis;

	private final String prefix;

	private final int maxProducts;

	private final Outbox outbox;

	RedisProductRepository(StringRedisTemplate redis, CatalogProperties properties, Outbox outbox) {
		this.redis = redis;
		this.prefix = properties.keyPrefix();
		this.maxProducts = properties.maxProducts();
		this.outbox = outbox;
	}

	@Override
	public void save(Product product) {
		String sku = product.sku().value();
		List<String> args = new ArrayList<>(List.of(sku, product.name(), product.description(), product.category(),
				product.price().amount().toPlainString(), product.price().currencyCode(), String.valueOf(this.maxProducts)));
		args.addAll(this.outbox.entry(BINDING, EventTypes.PRODUCT_UPSERTED, UUID.randomUUID().toString(), sku,
				new ProductUpserted(sku, product.name(), product.description(), product.category(),
						product.price().amount(), product.price().currencyCode())));
		Long saved = this.redis.execute(SAVE, List.of(productKey(product.sku()), skusKey(), this.outbox.streamOf(sku)),
				args.toArray());
		if (saved == null || saved == 0) {
			throw new ConflictException("the catalog holds " + this.maxProducts + " products, its most; " + sku
					+ " cannot be added");
		}
	}

	@Override
	public Optional<Product> find(Sku sku) {
		Map<Object, Object> fields = this.redis.opsForHash().entries(productKey(sku));
		return fields.isEmpty() ? Optional.empty() : Optional.of(toProduct(fields));
	}

	@Override
	public List<Product> first(int limit) {
		Set<String> skus = this.redis.opsForZSet().range(skusKey(), 0, limit - 1L);
		if (skus == null || skus.isEmpty()) {
			return List.of();
		}
		List<Object> hashes = this.redis.executePipelined(new SessionCallback<>() {

			@Override
			@SuppressWarnings({ "unchecked", "rawtypes" })
			public @Nullable Object execute(RedisOperations operations) {
				for (String sku : skus) {
					operations.opsForHash().entries(productKey(Sku.of(sku)));
				}
				return null;
			}

		});
		return hashes.stream()
			.map(hash -> (Map<?, ?>) hash)
			.filter(Objects::nonNull)
			.filter(hash -> !hash.isEmpty())
			.map(RedisProductRepository::toProduct)
			.toList();
	}

	@Override
	public long count() {
		Long count = this.redis.opsForZSet().zCard(skusKey());
		return (count != null) ? count : 0;
	}

	String productKey(Sku sku) {
		return this.prefix + ":product:" + sku.value();
	}

	private String skusKey() {
		return this.prefix + ":skus";
	}

	static Product toProduct(Map<?, ?> fields) {
		return new Product(Sku.of(string(fields, "sku")), string(fields, "name"), string(fields, "description"),
				string(fields, "category"), Money.of(new BigDecimal(string(fields, "price")), string(fields, "currency")));
	}

	private static String string(Map<?, ?> fields, String name) {
		Object value = fields.get(name);
		if (value == null) {
			throw new DataRetrievalFailureException("Stored product lacks field '" + name + "'");
		}
		return value.toString();
	}

}
