package io.fnorders.product;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

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
 * both in one script, so a listing never names a product that is not there.
 */
@Repository
class RedisProductRepository implements ProductRepository {

	private static final RedisScript<Long> SAVE = RedisScript.of("""
			redis.call('DEL', KEYS[1])
			redis.call('HSET', KEYS[1], 'sku', ARGV[1], 'name', ARGV[2], 'description', ARGV[3],
			  'category', ARGV[4], 'price', ARGV[5], 'currency', ARGV[6])
			return redis.call('ZADD', KEYS[2], 0, ARGV[1])
			""", Long.class);

	private final StringRedisTemplate redis;

	private final String prefix;

	RedisProductRepository(StringRedisTemplate redis, CatalogProperties properties) {
		this.redis = redis;
		this.prefix = properties.keyPrefix();
	}

	@Override
	public void save(Product product) {
		this.redis.execute(SAVE, List.of(productKey(product.sku()), skusKey()), product.sku().value(),
				product.name(), product.description(), product.category(), product.price().amount().toPlainString(),
				product.price().currencyCode());
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

	private String productKey(Sku sku) {
		return this.prefix + ":product:" + sku.value();
	}

	private String skusKey() {
		return this.prefix + ":skus";
	}

	private static Product toProduct(Map<?, ?> fields) {
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
