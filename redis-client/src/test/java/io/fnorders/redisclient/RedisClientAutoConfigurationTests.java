package io.fnorders.redisclient;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.resource.ClientResources;
import io.netty.resolver.dns.DnsAddressResolverGroup;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Any service with this module on its classpath gets the short DNS cache in the client resources
 * Boot builds for Lettuce (the identity provider once did without, and after Redis's task was
 * replaced it kept calling the old address until each command timed out).
 */
class RedisClientAutoConfigurationTests {

	private final ApplicationContextRunner context = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(RedisClientAutoConfiguration.class, DataRedisAutoConfiguration.class));

	@Test
	void lettuceResolvesRedisThroughTheShortCacheNotItsDefaultResolver() throws Exception {
		ClientResources defaults = ClientResources.create();
		try {
			this.context.withPropertyValues("fnorders.redis.dns-cache-max-ttl=2s").run(context -> {
				assertThat(context).hasSingleBean(ShortDnsCache.class);
				assertThat(context.getBean(RedisClientProperties.class).dnsCacheMaxTtl()).hasSeconds(2);
				assertThat(context.getBean(ClientResources.class).addressResolverGroup())
					.isInstanceOf(DnsAddressResolverGroup.class)
					.isNotSameAs(defaults.addressResolverGroup());
			});
		}
		finally {
			defaults.shutdown().get();
		}
	}

	@Test
	void trustsADnsAnswerFiveSecondsByDefault() {
		this.context.run(context -> assertThat(context.getBean(RedisClientProperties.class).dnsCacheMaxTtl())
			.hasSeconds(5));
	}

}
