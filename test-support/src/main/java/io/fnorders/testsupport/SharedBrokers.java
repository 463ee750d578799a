package io.fnorders.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;

import io.fnorders.events.Topics;
import io.fnorders.localbrokers.LocalPorts;
import org.jspecify.annotations.Nullable;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import redis.embedded.RedisServer;

/**
 * One real Kafka KRaft broker (in-process, from spring-kafka-test) and one real Redis server
 * (the binary the embedded-redis artifact ships, as a child process) per test JVM, on free ports.
 * They start on first use, are shared by every test class of the JVM, and stop when it exits.
 * Their addresses are published as the system properties Spring Boot reads
 * ({@code spring.kafka.bootstrap-servers}, {@code spring.data.redis.host/port}).
 */
public final class SharedBrokers {

	private static @Nullable EmbeddedKafkaKraftBroker kafka;

	private static @Nullable RedisServer redis;

	private static int redisPort;

	private SharedBrokers() {
	}

	/** Starts both brokers unless they run already, and publishes their addresses. */
	public static synchronized void start() {
		if (kafka != null) {
			return;
		}
		EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, Topics.DEFAULT_PARTITIONS,
				Topics.ALL.toArray(String[]::new));
		broker.brokerProperty("group.initial.rebalance.delay.ms", "0");
		broker.brokerProperty("auto.create.topics.enable", "true");
		broker.afterPropertiesSet();
		int port = LocalPorts.freePort();
		RedisServer server;
		try {
			server = RedisServer.newRedisServer()
				.port(port)
				.bind("127.0.0.1")
				.setting("save \"\"")
				.setting("appendonly no")
				.build();
			server.start();
		}
		catch (IOException ex) {
			broker.destroy();
			throw new UncheckedIOException("Cannot start the Redis server", ex);
		}
		kafka = broker;
		redis = server;
		redisPort = port;
		System.setProperty("spring.kafka.bootstrap-servers", broker.getBrokersAsString());
		System.setProperty("spring.data.redis.host", "127.0.0.1");
		System.setProperty("spring.data.redis.port", String.valueOf(port));
		Runtime.getRuntime().addShutdownHook(new Thread(SharedBrokers::stop, "shared-brokers-stop"));
	}

	/** The Kafka bootstrap servers, {@code host:port}. */
	public static synchronized String kafkaBootstrapServers() {
		start();
		return kafka().getBrokersAsString();
	}

	/** The port of the Redis server on 127.0.0.1. */
	public static synchronized int redisPort() {
		start();
		return redisPort;
	}

	private static EmbeddedKafkaKraftBroker kafka() {
		EmbeddedKafkaKraftBroker broker = kafka;
		if (broker == null) {
			throw new IllegalStateException("The brokers are not running");
		}
		return broker;
	}

	private static synchronized void stop() {
		try {
			if (redis != null) {
				redis.stop();
			}
		}
		catch (IOException ex) {
			// the JVM is exiting; the child process ends with it
		}
		if (kafka != null) {
			kafka.destroy();
		}
	}


}
