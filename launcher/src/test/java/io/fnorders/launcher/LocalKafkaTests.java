package io.fnorders.launcher;

import static io.fnorders.localbrokers.LocalPorts.freePort;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import io.fnorders.events.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The broker {@code make run} starts: a real KRaft node from Kafka's jars, formatted once. */
class LocalKafkaTests {

	@TempDir
	Path dataDir;

	@Test
	void startsAKraftBrokerCreatesEveryTopicAndKeepsThemAcrossARestart() throws Exception {
		LocalSettings settings = new LocalSettings(this.dataDir, this.dataDir, freePort(), freePort(), freePort(),
				freePort(), freePort(), "kafka", Map.of(), Map.of(), List.of());
		String java = ProcessHandle.current().info().command().orElseThrow();

		LocalKafka kafka = new LocalKafka(settings);
		try {
			kafka.start(java);
			kafka.createTopics();
			assertThat(describe(settings, Topics.ORDERS).partitions()).hasSize(Topics.DEFAULT_PARTITIONS);
			assertThat(describe(settings, Topics.deadLetter(Topics.ORDERS)).partitions())
				.hasSize(Topics.DEFAULT_PARTITIONS);
		}
		finally {
			Objects.requireNonNull(kafka.process()).stop(30);
		}

		LocalKafka restarted = new LocalKafka(settings);
		try {
			restarted.start(java);
			restarted.createTopics();
			assertThat(describe(settings, Topics.PRODUCTS).partitions()).hasSize(Topics.DEFAULT_PARTITIONS);
		}
		finally {
			Objects.requireNonNull(restarted.process()).stop(30);
		}
	}

	private static TopicDescription describe(LocalSettings settings, String topic) throws Exception {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
				settings.kafkaBootstrapServers()))) {
			return admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
		}
	}


}
