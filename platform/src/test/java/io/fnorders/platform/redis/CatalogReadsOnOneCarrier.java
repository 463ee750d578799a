package io.fnorders.platform.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.RedisOperations;
import org.springframework.data.redis.core.SessionCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The JVM {@link PooledConnectionsOnOneCarrierTests} starts: Redis set up as every service sets it
 * up (the platform's defaults, its connection pool among them), then many virtual threads at once
 * each reading two hashes in one pipeline, as a catalog read does. Prints how many reads were done
 * and waits to be stopped; it hangs before if the pool starves the one carrier thread.
 * <p>
 * Arguments: the Redis port, the number of threads, the reads per thread.
 */
final class CatalogReadsOnOneCarrier {

	private CatalogReadsOnOneCarrier() {
	}

	public static void main(String[] args) throws Exception {
		int threads = Integer.parseInt(args[1]);
		int reads = Integer.parseInt(args[2]);
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(DataRedisAutoConfiguration.class)
			.web(WebApplicationType.NONE)
			.properties("spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + args[0],
					"spring.main.banner-mode=off")
			.run()) {
			StringRedisTemplate redis = context.getBean(StringRedisTemplate.class);
			redis.opsForHash().put("one-carrier:product", "name", "a product");
			List<Future<Integer>> callers = new ArrayList<>();
			try (ExecutorService virtual = Executors.newVirtualThreadPerTaskExecutor()) {
				for (int i = 0; i < threads; i++) {
					callers.add(virtual.submit(() -> read(redis, reads)));
				}
				int done = 0;
				for (Future<Integer> caller : callers) {
					done += caller.get();
				}
				System.out.println("reads done: " + done);
			}
		}
	}

	private static int read(StringRedisTemplate redis, int reads) {
		int done = 0;
		for (int i = 0; i < reads; i++) {
			List<Object> hashes = redis.executePipelined(new SessionCallback<@Nullable Object>() {

				@Override
				@SuppressWarnings({ "unchecked", "rawtypes" })
				public @Nullable Object execute(RedisOperations operations) {
					operations.opsForHash().entries("one-carrier:product");
					operations.opsForHash().entries("one-carrier:availability");
					return null;
				}

			});
			if (hashes.size() == 2) {
				done++;
			}
		}
		return done;
	}

}
