package io.fnorders.redisclient;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** Redis's address is looked up again within seconds when its task moves. */
@AutoConfiguration
@ConditionalOnClass(name = { "io.lettuce.core.resource.ClientResources", "io.netty.resolver.dns.DnsAddressResolverGroup" })
@EnableConfigurationProperties(RedisClientProperties.class)
public class RedisClientAutoConfiguration {

	@Bean
	ShortDnsCache redisShortDnsCache(RedisClientProperties properties) {
		return new ShortDnsCache(properties.dnsCacheMaxTtl());
	}

}
