package io.fnorders.redisclient;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a service's Redis client finds Redis ({@code fnorders.redis.*}).
 *
 * @param dnsCacheMaxTtl the longest time the Redis client trusts a DNS answer for the Redis
 * host, whatever TTL the answer carries (Docker's DNS says 600 s)
 */
@ConfigurationProperties("fnorders.redis")
public record RedisClientProperties(@DefaultValue("5s") Duration dnsCacheMaxTtl) {
}
