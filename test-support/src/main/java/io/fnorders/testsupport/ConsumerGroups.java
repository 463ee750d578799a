package io.fnorders.testsupport;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** How far a consumer group has got on the shared broker: what it has committed. */
public final class ConsumerGroups {

	private static final long POLL_MILLIS = 20;

	private ConsumerGroups() {
	}

	/**
	 * Waits until {@code group} has committed every record written to {@code topic} before this
	 * call: each was handled or dead-lettered.
	 * @throws AssertionError when it has not within {@code timeout}
	 */
	public static void awaitCaughtUp(String group, String topic, Duration timeout) {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
				SharedBrokers.kafkaBootstrapServers()))) {
			Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
			admin.describeTopics(List.of(topic))
				.allTopicNames()
				.get()
				.get(topic)
				.partitions()
				.forEach(partition -> ends.put(new TopicPartition(topic, partition.partition()), OffsetSpec.latest()));
			Map<TopicPartition, Long> written = new HashMap<>();
			admin.listOffsets(ends).all().get().forEach((partition, end) -> written.put(partition, end.offset()));
			long deadline = System.nanoTime() + timeout.toNanos();
			while (!caughtUp(written, admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get())) {
				if (System.nanoTime() - deadline > 0) {
					throw new AssertionError("Consumer group " + group + " has not committed all of " + topic
							+ " within " + timeout);
				}
				Thread.sleep(POLL_MILLIS);
			}
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static boolean caughtUp(Map<TopicPartition, Long> written, Map<TopicPartition, OffsetAndMetadata> committed) {
		return written.entrySet().stream().allMatch(end -> end.getValue() == 0
				|| (committed.get(end.getKey()) != null && committed.get(end.getKey()).offset() >= end.getValue()));
	}

}
