package io.fnorders.platform;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;


import io.fnorders.events.Topics;
import io.fnorders.platform.messaging.CloudEventPublisher;
import io.fnorders.platform.messaging.CloudEventReader;
import io.fnorders.platform.messaging.CloudEvents;
import io.fnorders.platform.messaging.DeadLetterCounter;
import io.fnorders.platform.messaging.DeadLetterTopics;
import io.fnorders.platform.messaging.KafkaClusterIdTimeout;
import io.fnorders.platform.redis.ShortDnsCache;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.stream.binder.kafka.utils.DlqDestinationResolver;
import org.springframework.cloud.stream.binder.kafka.utils.DlqPartitionFunction;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.integration.kafka.outbound.KafkaProducerMessageHandler;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import tools.jackson.databind.json.JsonMapper;

/**
 * Wires the shared function runtime into every service: the HTTP gate and problem+json errors
 * for servlet apps, and the CloudEvents publisher where Spring Cloud Stream is present.
 */
@AutoConfiguration
@EnableConfigurationProperties(PlatformProperties.class)
@Import(FunctionPlatformAutoConfiguration.Web.class)
public class FunctionPlatformAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	@ConditionalOnMissingBean
	CloudEvents cloudEvents(PlatformProperties properties, @Value("${spring.application.name}") String applicationName,
			Clock clock) {
		return new CloudEvents(applicationName, properties.events().attributePrefix(), clock);
	}

	@Bean
	@ConditionalOnMissingBean
	CloudEventPublisher cloudEventPublisher(StreamBridge streamBridge, CloudEvents cloudEvents) {
		return new CloudEventPublisher(streamBridge, cloudEvents);
	}

	@Bean
	@ConditionalOnMissingBean
	CloudEventReader cloudEventReader(JsonMapper jsonMapper) {
		return new CloudEventReader(jsonMapper);
	}

	@Bean
	@ConditionalOnClass(DlqPartitionFunction.class)
	@ConditionalOnMissingBean(DlqPartitionFunction.class)
	DeadLetterCounter deadLetterCounter(MeterRegistry registry) {
		return new DeadLetterCounter(registry);
	}

	/**
	 * On Kafka, every consumer binding with a group (each has a dead-letter topic) starts its
	 * dead-letter counters at 0, one per topic it reads.
	 */
	@Bean
	@ConditionalOnKafkaTransport
	@ConditionalOnBean(DeadLetterCounter.class)
	SmartInitializingSingleton expectedDeadLetters(DeadLetterCounter counter, BindingServiceProperties bindings) {
		return () -> bindings.getBindings().forEach((name, binding) -> {
			if (name.contains("-in-") && binding.getGroup() != null && binding.getDestination() != null) {
				for (String topic : binding.getDestination().split(",")) {
					counter.expect(topic.strip(), binding.getGroup());
				}
			}
		});
	}

	/**
	 * Every event topic and its dead-letter topic, with {@link Topics#DEFAULT_PARTITIONS}
	 * partitions: created at start-up if missing (whichever service starts first), so a dead
	 * letter always finds its topic with as many partitions as its source.
	 */
	@Bean
	@ConditionalOnClass(NewTopic.class)
	@ConditionalOnKafkaTransport
	KafkaAdmin.NewTopics eventTopics() {
		List<NewTopic> topics = new ArrayList<>();
		for (String topic : Topics.ALL) {
			topics.add(TopicBuilder.name(topic).partitions(Topics.DEFAULT_PARTITIONS).build());
			topics.add(TopicBuilder.name(Topics.deadLetter(topic)).partitions(Topics.DEFAULT_PARTITIONS).build());
		}
		return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
	}

	@Bean
	@ConditionalOnClass(DlqDestinationResolver.class)
	@ConditionalOnMissingBean(DlqDestinationResolver.class)
	DeadLetterTopics deadLetterTopics() {
		return new DeadLetterTopics();
	}

	@Bean
	@ConditionalOnClass(KafkaProducerMessageHandler.class)
	@ConditionalOnKafkaTransport
	KafkaClusterIdTimeout kafkaClusterIdTimeout(PlatformProperties properties) {
		return new KafkaClusterIdTimeout(properties.events().kafkaAdminTimeout());
	}

	/**
	 * The Kafka binder's template records sends through its observation (which also carries the
	 * trace into Kafka headers) and, by default, through a legacy timer of the same name with
	 * other tags. Prometheus refuses the second meter of a name with different tag keys, so the
	 * observation's timer would be lost; this drops the legacy one (the one tagged
	 * {@code result}).
	 */
	@Bean
	MeterFilter kafkaTemplateLegacyTimerFilter() {
		return MeterFilter.deny(id -> "spring.kafka.template".equals(id.getName()) && id.getTag("result") != null);
	}

	/** Redis's address is looked up again within seconds when its task moves. */
	@Bean
	@ConditionalOnClass(name = { "io.lettuce.core.resource.ClientResources", "io.netty.resolver.dns.DnsAddressResolverGroup" })
	ShortDnsCache redisShortDnsCache(PlatformProperties properties) {
		return new ShortDnsCache(properties.redis().dnsCacheMaxTtl());
	}

	/** On when the functions' default binder is Kafka (the default transport). */
	@Retention(RetentionPolicy.RUNTIME)
	@Target({ ElementType.TYPE, ElementType.METHOD })
	@ConditionalOnProperty(name = "spring.cloud.stream.default-binder", havingValue = "kafka", matchIfMissing = true)
	@interface ConditionalOnKafkaTransport {

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@Import(io.fnorders.platform.web.HttpGateConfiguration.class)
	static class Web {

	}

}
