package io.fnorders.events;

import java.util.List;
import java.util.Map;

/**
 * The Kafka topics (or broker destinations) the functions talk through. Declared once; every
 * service, binding file and test refers to these names.
 */
public final class Topics {

	/** {@code order.placed} and {@code order.cancelled}, keyed by orderId. */
	public static final String ORDERS = "orders";

	/** {@code order.confirmed} and {@code order.rejected}, keyed by orderId. */
	public static final String ORDER_STATUS = "order-status";

	/** {@code stock.changed}, keyed by sku. */
	public static final String STOCK = "stock";

	/**
	 * {@code product.upserted}, keyed by sku. Compacted ({@link #COMPACTED}): the latest event of
	 * every sku stays, so a view of the catalog (cart-fn's) can be built from the start at any time.
	 */
	public static final String PRODUCTS = "products";

	/** Partitions per topic: at least the most replicas any consumer group will run. */
	public static final int DEFAULT_PARTITIONS = 12;

	/** Every event topic, in the order they are created. */
	public static final List<String> ALL = List.of(ORDERS, ORDER_STATUS, STOCK, PRODUCTS);

	/**
	 * The topics kept by key ({@code cleanup.policy=compact}) instead of by age: their consumers
	 * keep a view of the latest event of each key. The others keep the broker's retention.
	 */
	public static final List<String> COMPACTED = List.of(PRODUCTS);

	private Topics() {
	}

	/** The settings a topic is created with beside the broker's defaults. */
	public static Map<String, String> settings(String topic) {
		return COMPACTED.contains(topic) ? Map.of("cleanup.policy", "compact") : Map.of();
	}

	/** The dead-letter topic of a topic: {@code <topic>.dlq}. */
	public static String deadLetter(String topic) {
		return topic + ".dlq";
	}

}
