package io.fnorders.redisclient;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class RedisClientDefaultsTests {

	@Test
	void aCommandWaitsSecondsNotLettucesMinuteUnlessTheServiceSaysOtherwise() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("service", Map.of("spring.data.redis.connect-timeout", "1s")));

		new RedisClientDefaults().postProcessEnvironment(environment, new SpringApplication());

		assertThat(environment.getProperty("spring.data.redis.timeout")).isEqualTo("3s");
		assertThat(environment.getProperty("spring.data.redis.connect-timeout")).isEqualTo("1s");
	}

}
