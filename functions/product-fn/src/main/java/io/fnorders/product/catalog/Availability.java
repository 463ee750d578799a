package io.fnorders.product.catalog;

import io.fnorders.values.Sku;

/**
 * What inventory last reported about a sku, as the catalog keeps it.
 *
 * @param sku the product
 * @param available units that could be ordered when inventory reported
 * @param version inventory's version of that report; a lower one never replaces a higher one
 */
public record Availability(Sku sku, long available, long version) {

	public Availability {
		if (version < 0) {
			throw new IllegalArgumentException("version must not be negative");
		}
	}

	public boolean inStock() {
		return this.available > 0;
	}

}
