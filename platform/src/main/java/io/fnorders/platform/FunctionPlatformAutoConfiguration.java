package io.fnorders.platform;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import io.fnorders.events.Topics;
import io.fnorders.platform.deadletters.DeadLetterFunctions;
import io.fnorders.platform.deadletters.DeadLetters;
import io.fnorders.platform.messaging.BytesAsTheyAre;
import io.fnorders.platform.messaging.CloudEventReader;
import io.fnorders.platform.messaging.CloudEvents;
import io.fnorders.platform.messaging.ConsumerFailureHandling;
import io.fnorders.platform.messaging.ConsumerWaits;
import io.fnorders.platform.messaging.DeadLetterCounter;
import io.fnorders.platform.messaging.DeadLetterPublisher;
import io.fnorders.platform.messaging.KafkaClientSettings;
import io.fnorders.platform.messaging.KafkaClusterIdTimeout;
import io.fnorders.platform.messaging.RabbitOutageRetries;
import io.fnorders.platform.messaging.RecordBatches;
import io.fnorders.platform.outbox.EventSender;
import io.fnorders.platform.outbox.KafkaEventSender;
import io.fnorders.platform.outbox.Outbox;
import io.fnorders.platform.outbox.OutboxMetrics;
import io.fnorders.platform.outbox.OutboxRelay;
import io.fnorders.platform.outbox.StreamBridgeSender;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.cloud.stream.binder.kafka.ListenerContainerWithDlqAndRetryCustomizer;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.integration.amqp.inbound.AmqpInboundChannelAdapter;
import org.springframework.integration.kafka.outbound.KafkaProducerMessageHandler;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import tools.jackson.databind.json.JsonMapper;

/**
 * Wires the shared function runtime into every service: CloudEvents, how consumers handle
 * failures and dead letters, the outbox of a service that has one, the event topics, Redis's
 * DNS cache, and, for servlet apps, the HTTP gate, who may call which function, and problem+json
 * errors.
 */
@AutoConfiguration(beforeName = { "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration",
		// its security filter chain makes Spring Boot's default ones back off
		"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
		"org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration" })
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
	CloudEventReader cloudEventReader(JsonMapper jsonMapper) {
		return new CloudEventReader(jsonMapper);
	}

	/** Bytes in and out of functions and sends as they are, instead of through the JSON converter. */
	@Bean
	BytesAsTheyAre bytesAsTheyAre() {
		return new BytesAsTheyAre();
	}

	/** A poll's records, each with its own trace, for functions bound in batch mode. */
	@Bean
	@ConditionalOnMissingBean
	RecordBatches recordBatches(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
		return new RecordBatches(tracer.getIfUnique(), propagator.getIfUnique());
	}

	@Bean
	@ConditionalOnMissingBean
	DeadLetterCounter deadLetterCounter(MeterRegistry registry) {
		return new DeadLetterCounter(registry);
	}

	/**
	 * The consumers' waits on outages, also the {@code consumers} health contributor (part of
	 * readiness).
	 */
	@Bean
	@ConditionalOnMissingBean
	ConsumerWaits consumersHealthIndicator(MeterRegistry registry, DeadLetterCounter deadLetters,
			PlatformProperties properties, Clock clock) {
		return new ConsumerWaits(registry, deadLetters, properties.messaging().waitingLapsesAfter(), clock);
	}

	@Bean
	@ConditionalOnKafkaTransport
	@ConditionalOnClass(ListenerContainerWithDlqAndRetryCustomizer.class)
	KafkaClientSettings kafkaClientSettings(KafkaProperties kafka, Environment environment) {
		return new KafkaClientSettings(kafka, environment);
	}

	/**
	 * Where Kafka consumers send what they cannot process: {@code <topic>.dlq}, through a producer
	 * with the binder's own settings ({@code spring.kafka.*}, then the binder's
	 * {@code configuration} and {@code producer-properties}, and its broker list).
	 */
	@Bean
	@ConditionalOnKafkaTransport
	@ConditionalOnClass(ListenerContainerWithDlqAndRetryCustomizer.class)
	DeadLetterPublisher deadLetterPublisher(KafkaClientSettings kafka) {
		Map<String, Object> config = kafka.producer();
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		return new DeadLetterPublisher(config);
	}

	/** The operator's dead-letter tools, as functions. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnKafkaTransport
	@ConditionalOnClass(ListenerContainerWithDlqAndRetryCustomizer.class)
	@Import(DeadLetterFunctions.class)
	static class DeadLetterTools {

		@Bean
		DeadLetters deadLetterTools(KafkaClientSettings kafka) {
			return new DeadLetters(kafka.consumer(), kafka.producer(), Duration.ofSeconds(30));
		}

	}

	/** Kafka consumers wait out outages and dead-letter only what cannot be processed. */
	@Bean
	@ConditionalOnKafkaTransport
	@ConditionalOnBean(DeadLetterPublisher.class)
	ConsumerFailureHandling consumerFailureHandling(DeadLetterPublisher deadLetters, ConsumerWaits waits) {
		return new ConsumerFailureHandling(deadLetters, waits);
	}

	/**
	 * The service's outbox, when it has one ({@code fnorders.outbox.key-prefix}): its scripts
	 * append the events that follow their writes, and a relay on every instance publishes them.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty("fnorders.outbox.key-prefix")
	@ConditionalOnClass(StringRedisTemplate.class)
	static class OutboxConfiguration {

		@Bean
		Outbox outbox(PlatformProperties properties, @Value("${spring.application.name}") String applicationName,
				JsonMapper json, Clock clock, ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
			PlatformProperties.Outbox settings = properties.outbox();
			return new Outbox(Objects.requireNonNull(settings.keyPrefix()), settings.shards(), applicationName, json, clock,
					tracer.getIfUnique(), propagator.getIfUnique());
		}

		@Bean
		OutboxMetrics outboxMetrics(Outbox outbox, StringRedisTemplate redis, MeterRegistry registry, Clock clock,
				PlatformProperties properties) {
			return new OutboxMetrics(outbox, redis, registry, clock, properties.outbox().metricsInterval());
		}

		/**
		 * How the relay sends: straight to the bindings' Kafka topics with the binder's producer
		 * settings when the transport is Kafka, else through the output bindings.
		 */
		@Bean
		@ConditionalOnMissingBean
		EventSender outboxEventSender(ObjectProvider<KafkaClientSettings> kafka, BindingServiceProperties bindings,
				StreamBridge bridge, ObjectProvider<ObservationRegistry> observations, ObjectProvider<Tracer> tracer,
				ObjectProvider<Propagator> propagator) {
			KafkaClientSettings settings = kafka.getIfAvailable();
			if (settings != null) {
				return new KafkaEventSender(settings.producer(), bindings,
						observations.getIfUnique(() -> ObservationRegistry.NOOP), tracer.getIfUnique(),
						propagator.getIfUnique());
			}
			return new StreamBridgeSender(bridge, tracer.getIfUnique(), propagator.getIfUnique());
		}

		@Bean
		OutboxRelay outboxRelay(Outbox outbox, StringRedisTemplate redis, EventSender sender, CloudEvents cloudEvents,
				PlatformProperties properties, OutboxMetrics metrics, JsonMapper json,
				@Value("${spring.application.name}") String applicationName) {
			String relayId = applicationName + "@" + hostName() + "#" + UUID.randomUUID().toString().substring(0, 8);
			return new OutboxRelay(outbox, redis, sender, cloudEvents, properties.outbox(), metrics, json, relayId);
		}

		private static String hostName() {
			try {
				return InetAddress.getLocalHost().getHostName();
			}
			catch (UnknownHostException ex) {
				return "unknown-host";
			}
		}

	}

	/** RabbitMQ consumers wait out outages and dead-letter only what cannot be processed. */
	@Bean
	@ConditionalOnClass(AmqpInboundChannelAdapter.class)
	@ConditionalOnProperty(name = "spring.cloud.stream.default-binder", havingValue = "rabbit")
	RabbitOutageRetries rabbitOutageRetries(BindingServiceProperties bindings) {
		return new RabbitOutageRetries(bindings);
	}

	/**
	 * Every event topic and its dead-letter topic, with {@link Topics#DEFAULT_PARTITIONS}
	 * partitions: created at start-up if missing, so a dead letter always finds its topic with as
	 * many partitions as its source. Where Kafka checks ACLs (make run, the stack) no function may
	 * create topics: the operator creates them first, and this only finds them there.
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

	/** On when the functions' default binder is Kafka (the default transport). */
	@Retention(RetentionPolicy.RUNTIME)
	@Target({ ElementType.TYPE, ElementType.METHOD })
	@ConditionalOnProperty(name = "spring.cloud.stream.default-binder", havingValue = "kafka", matchIfMissing = true)
	@interface ConditionalOnKafkaTransport {

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@Import({ io.fnorders.platform.web.HttpGateConfiguration.class,
			io.fnorders.platform.security.FunctionSecurityConfiguration.class })
	static class Web {

	}

}
