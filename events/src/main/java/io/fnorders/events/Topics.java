package io.fnorders.events;

import java.util.List;

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

	/** {@code product.upserted}, keyed by sku. */
	public static final String PRODUCTS = "products";

	/** Partitions per topic: at least the most replicas any consumer group will run. */
	public static final int DEFAULT_PARTITIONS = 12;

	/** Every event topic, in the order they are created. */
	public static final List<String> ALL = List.of(ORDERS, ORDER_STATUS, STOCK, PRODUCTS);

	private Topics() {
	}

	/** The dead-letter topic of a topic: {@code <topic>.dlq}. */
	public static String deadLetter(String topic) {
		return topic + ".dlq";
	}

}
