package io.fnorders.redisclient;

import java.time.Duration;

import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Transports;
import io.netty.channel.socket.SocketChannel;
import io.netty.resolver.dns.DefaultDnsCache;
import io.netty.resolver.dns.DefaultDnsCnameCache;
import io.netty.resolver.dns.DnsAddressResolverGroup;
import io.netty.resolver.dns.DnsNameResolverBuilder;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;

/**
 * Lettuce resolves the Redis host with Netty's DNS resolver, which caches an answer as long as
 * its TTL says. Docker's embedded DNS answers with a TTL of 600 s, so when Redis's task is
 * replaced (a restart, a new node) every client would keep reconnecting to the old address for
 * up to ten minutes. This resolver is Lettuce's default one with the cache capped at
 * {@code maxTtl}.
 */
public class ShortDnsCache implements ClientResourcesBuilderCustomizer {

	private final Duration maxTtl;

	public ShortDnsCache(Duration maxTtl) {
		this.maxTtl = maxTtl;
	}

	@Override
	public void customize(ClientResources.Builder builder) {
		builder.addressResolverGroup(new DnsAddressResolverGroup(new DnsNameResolverBuilder()
			.datagramChannelType(Transports.datagramChannelClass())
			.socketChannelType(Transports.socketChannelClass().asSubclass(SocketChannel.class))
			.cnameCache(new DefaultDnsCnameCache(0, maxTtlSeconds()))
			.resolveCache(resolveCache())));
	}

	/** Answers kept at most {@code maxTtl}; failed lookups not kept at all. */
	DefaultDnsCache resolveCache() {
		return new DefaultDnsCache(0, maxTtlSeconds(), 0);
	}

	private int maxTtlSeconds() {
		return (int) Math.clamp(this.maxTtl.toSeconds(), 0, Integer.MAX_VALUE);
	}

}
