package io.fnorders.inventory.stock;

import io.fnorders.values.Sku;

/**
 * The stock of one sku at one moment.
 *
 * @param sku the product
 * @param onHand units in the warehouse
 * @param reserved units held for confirmed orders, never more than {@code onHand}
 * @param version increases with every change, so snapshots can be ordered
 */
public record StockLevel(Sku sku, long onHand, long reserved, long version) {

	/** Units that can still be reserved. */
	public long available() {
		return this.onHand - this.reserved;
	}

}
