package io.fnorders.launcher;

import static io.fnorders.localbrokers.LocalPorts.freePort;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.fnorders.events.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Uuid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The broker {@code make run} starts: a real KRaft node from Kafka's jars, formatted once. */
class LocalKafkaTests {

	@TempDir
	Path dataDir;

	@Test
	void startsAKraftBrokerCreatesEveryTopicAndKeepsThemAcrossARestart() throws Exception {
		LocalSettings settings = new LocalSettings(this.dataDir, this.dataDir, freePort(), freePort(), freePort(),
				freePort(), freePort(), freePort(), "kafka", Map.of(), Map.of(), List.of());
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
			stop(kafka);
		}

		LocalKafka restarted = new LocalKafka(settings);
		try {
			restarted.start(java);
			restarted.createTopics();
			assertThat(describe(settings, Topics.PRODUCTS).partitions()).hasSize(Topics.DEFAULT_PARTITIONS);
		}
		finally {
			stop(restarted);
		}
	}

	private static TopicDescription describe(LocalSettings settings, String topic) throws Exception {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
				settings.kafkaBootstrapServers()))) {
			return admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
		}
	}


	@Test
	void formatsWithClusterIdsTheStorageToolTakesForAnIdNotAnOption() {
		for (int n = 0; n < 1_000; n++) {
			String id = LocalKafka.clusterId();
			assertThat(id).doesNotStartWith("-");
			assertThat(Uuid.fromString(id).toString()).isEqualTo(id);
		}
	}

	/** Stops the broker if it started; a failed start keeps its own exception. */
	private static void stop(LocalKafka kafka) {
		ChildProcess process = kafka.process();
		if (process != null) {
			process.stop(30);
		}
	}

}
