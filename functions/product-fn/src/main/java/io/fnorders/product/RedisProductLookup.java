package io.fnorders.product;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fnorders.product.catalog.ProductLookup;
import io.fnorders.product.catalog.StockedProduct;
import io.fnorders.values.Sku;
import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.core.RedisOperations;
import org.springframework.data.redis.core.SessionCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Repository;

/**
 * One product and its availability in one Redis round trip: both hashes, pipelined. The keys and
 * their fields stay with the repositories that write them.
 */
@Repository
class RedisProductLookup implements ProductLookup {

	private final StringRedisTemplate redis;

	private final RedisProductRepository products;

	private final RedisAvailabilities availabilities;

	RedisProductLookup(StringRedisTemplate redis, RedisProductRepository products, RedisAvailabilities availabilities) {
		this.redis = redis;
		this.products = products;
		this.availabilities = availabilities;
	}

	@Override
	public Optional<StockedProduct> find(Sku sku) {
		List<Object> hashes = this.redis.executePipelined(new SessionCallback<>() {

			@Override
			@SuppressWarnings({ "unchecked", "rawtypes" })
			public @Nullable Object execute(RedisOperations operations) {
				operations.opsForHash().entries(RedisProductLookup.this.products.productKey(sku));
				operations.opsForHash().entries(RedisProductLookup.this.availabilities.key(sku));
				return null;
			}

		});
		Map<?, ?> product = (Map<?, ?>) hashes.get(0);
		if (product == null || product.isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(new StockedProduct(RedisProductRepository.toProduct(product),
				RedisAvailabilities.toAvailability(sku, (Map<?, ?>) hashes.get(1))));
	}

}
