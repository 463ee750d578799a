package io.fnorders.product;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fnorders.product.catalog.Availabilities;
import io.fnorders.product.catalog.Availability;
import io.fnorders.values.Sku;
import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.core.RedisOperations;
import org.springframework.data.redis.core.SessionCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Repository;

/**
 * Availability in Redis: one hash per sku ({@code <prefix>:availability:<sku>}: available,
 * version), replaced only by a higher version, in one script.
 */
@Repository
class RedisAvailabilities implements Availabilities {

	private static final RedisScript<Long> RECORD_IF_NEWER = RedisScript.of("""
			local current = tonumber(redis.call('HGET', KEYS[1], 'version') or '-1')
			if tonumber(ARGV[2]) <= current then return 0 end
			redis.call('HSET', KEYS[1], 'available', ARGV[1], 'version', ARGV[2])
			return 1
			""", Long.class);

	private final StringRedisTemplate redis;

	private final String prefix;

	RedisAvailabilities(StringRedisTemplate redis, CatalogProperties properties) {
		this.redis = redis;
		this.prefix = properties.keyPrefix();
	}

	@Override
	public boolean record(Availability availability) {
		Long kept = this.redis.execute(RECORD_IF_NEWER, List.of(key(availability.sku())),
				String.valueOf(availability.available()), String.valueOf(availability.version()));
		return kept != null && kept == 1;
	}

	@Override
	public Optional<Availability> find(Sku sku) {
		return Optional.ofNullable(toAvailability(sku, this.redis.opsForHash().entries(key(sku))));
	}

	@Override
	public Map<Sku, Availability> findAll(Collection<Sku> skus) {
		List<Sku> ordered = new ArrayList<>(skus);
		List<Object> hashes = this.redis.executePipelined(new SessionCallback<>() {

			@Override
			@SuppressWarnings({ "unchecked", "rawtypes" })
			public @Nullable Object execute(RedisOperations operations) {
				for (Sku sku : ordered) {
					operations.opsForHash().entries(key(sku));
				}
				return null;
			}

		});
		Map<Sku, Availability> found = new LinkedHashMap<>();
		for (int i = 0; i < ordered.size(); i++) {
			Availability availability = toAvailability(ordered.get(i), (Map<?, ?>) hashes.get(i));
			if (availability != null) {
				found.put(ordered.get(i), availability);
			}
		}
		return found;
	}

	static @Nullable Availability toAvailability(Sku sku, @Nullable Map<?, ?> fields) {
		if (fields == null || fields.isEmpty()) {
			return null;
		}
		return new Availability(sku, Long.parseLong(fields.get("available").toString()),
				Long.parseLong(fields.get("version").toString()));
	}

	String key(Sku sku) {
		return this.prefix + ":availability:" + sku.value();
	}

}
