package io.fnorders.redisclient;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds the Redis client settings every service shares (how long a command may wait) as the
 * lowest-precedence property source: a service's own configuration overrides any of them.
 */
class RedisClientDefaults implements EnvironmentPostProcessor {

	static final String RESOURCE = "fnorders/redis-client-defaults.yaml";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		try {
			new YamlPropertySourceLoader().load("fnordersRedisClientDefaults", new ClassPathResource(RESOURCE))
				.forEach(source -> environment.getPropertySources().addLast(source));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + RESOURCE, ex);
		}
	}

}
