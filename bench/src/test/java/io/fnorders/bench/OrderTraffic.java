package io.fnorders.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

import io.fnorders.events.EventTypes;
import io.fnorders.events.Topics;
import io.fnorders.testsupport.EventWriter;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Orders written to Kafka as cart-fn writes them ({@code order.placed}, binary-mode CloudEvents
 * keyed by orderId), and a plain consumer that watches a topic from its end for the records of
 * those orders.
 */
final class OrderTraffic {

	private OrderTraffic() {
	}

	/** A producer as a batching client sets one up: the load's own cost kept small. */
	static EventWriter writer(Map<String, Object> operator) {
		Map<String, Object> client = new HashMap<>(operator);
		client.put(ProducerConfig.LINGER_MS_CONFIG, 5);
		client.put(ProducerConfig.BATCH_SIZE_CONFIG, 65536);
		return EventWriter.create(client);
	}

	static String newOrderId() {
		return "bench-" + UUID.randomUUID();
	}

	/** One {@code order.placed} of one unit of {@code sku}, handed to the producer. */
	static void place(EventWriter writer, String topic, String orderId, String sku) {
		String data = """
				{"orderId":"%s","customerId":"bench","lines":[{"sku":"%s","quantity":1,"unitPrice":1.00}],\
				"total":1.00,"currency":"EUR","placedAt":"2026-12-01T10:00:00Z","email":"bench@customers.test"}"""
			.formatted(orderId, sku);
		writer.sendAsync(topic, orderId,
				EventWriter.headers(EventTypes.ORDER_PLACED.name(), "order.placed:" + orderId, orderId),
				data.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Watches a topic from its end on a thread of its own, handing each record's key and the
	 * moment it arrived ({@link System#nanoTime()}) to {@code seen}.
	 */
	static final class Watcher implements AutoCloseable {

		private final KafkaConsumer<String, byte[]> consumer;

		private final Thread thread;

		private volatile boolean running = true;

		private final Map<String, Long> arrivals = new ConcurrentHashMap<>();

		/**
		 * @param ours which keys are of the records this run waits for (others on the topic are ignored)
		 */
		Watcher(Map<String, Object> operator, String topic, Predicate<String> ours, BiConsumer<String, Long> seen) {
			Map<String, Object> client = new HashMap<>(operator);
			client.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
			client.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
			this.consumer = new KafkaConsumer<>(client, new StringDeserializer(), new ByteArrayDeserializer());
			List<TopicPartition> partitions = this.consumer.partitionsFor(topic, Duration.ofSeconds(10))
				.stream()
				.map(info -> new TopicPartition(topic, info.partition()))
				.toList();
			this.consumer.assign(partitions);
			this.consumer.seekToEnd(partitions);
			partitions.forEach(partition -> this.consumer.position(partition, Duration.ofSeconds(10)));
			this.thread = Thread.ofPlatform().name("bench-watch-" + topic).start(() -> {
				while (this.running) {
					for (ConsumerRecord<String, byte[]> record : this.consumer.poll(Duration.ofMillis(100))) {
						long now = System.nanoTime();
						if (record.key() != null && ours.test(record.key())
								&& this.arrivals.putIfAbsent(record.key(), now) == null) {
							seen.accept(record.key(), now);
						}
					}
				}
				this.consumer.close();
			});
		}

		/** How many distinct keys of ours arrived so far. */
		int count() {
			return this.arrivals.size();
		}

		/** Waits until {@code count} distinct keys arrived; fails after {@code timeout}. */
		void awaitCount(int count, Duration timeout) {
			long deadline = System.nanoTime() + timeout.toNanos();
			while (count() < count) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("only " + count() + " of " + count + " records arrived within " + timeout);
				}
				try {
					Thread.sleep(5);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException(ex);
				}
			}
		}

		@Override
		public void close() throws InterruptedException {
			this.running = false;
			this.thread.join(5000);
		}

	}

	/** The topic of the outcomes. */
	static final String OUTCOMES = Topics.ORDER_STATUS;

}
