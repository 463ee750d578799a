package io.fnorders.redisclient;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;

import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Transports;
import io.netty.channel.EventLoopGroup;
import io.netty.resolver.dns.DefaultDnsCache;
import io.netty.resolver.dns.DnsAddressResolverGroup;
import org.junit.jupiter.api.Test;

class ShortDnsCacheTests {

	@Test
	void keepsAnAnswerAtMostTheMaximumWhateverItsTtlAndNoFailedLookup() {
		DefaultDnsCache cache = new ShortDnsCache(Duration.ofSeconds(5)).resolveCache();

		assertThat(cache.maxTtl()).isEqualTo(5);
		assertThat(cache.minTtl()).isZero();
		assertThat(cache.negativeTtl()).isZero();
	}

	@Test
	void lettuceResolvesThroughItsOwnResolverOnItsOwnEventLoops() throws Exception {
		ClientResources defaults = ClientResources.create();
		ClientResources.Builder builder = ClientResources.builder();
		new ShortDnsCache(Duration.ofSeconds(5)).customize(builder);
		ClientResources resources = builder.build();
		try {
			assertThat(resources.addressResolverGroup()).isInstanceOf(DnsAddressResolverGroup.class)
				.isNotSameAs(defaults.addressResolverGroup());
			EventLoopGroup loops = resources.eventLoopGroupProvider().allocate(Transports.eventLoopGroupClass());

			InetSocketAddress resolved = (InetSocketAddress) resources.addressResolverGroup()
				.getResolver(loops.next())
				.resolve(InetSocketAddress.createUnresolved("localhost", 6379))
				.get();

			assertThat(resolved.isUnresolved()).isFalse();
			assertThat(resolved.getAddress().isLoopbackAddress()).isTrue();
			assertThat(resolved.getPort()).isEqualTo(6379);
		}
		finally {
			resources.shutdown().get();
			defaults.shutdown().get();
		}
	}

}
