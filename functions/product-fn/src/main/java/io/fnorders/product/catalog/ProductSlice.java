package io.fnorders.product.catalog;

import java.util.List;

/**
 * A bounded, sku-ordered part of the catalog.
 *
 * @param products the products, at most {@code limit}
 * @param total how many products the catalog holds
 * @param limit the bound that was applied
 */
public record ProductSlice(List<Product> products, long total, int limit) {

	public ProductSlice {
		products = List.copyOf(products);
	}

	/** Whether the catalog holds more than this slice. */
	public boolean truncated() {
		return this.total > this.products.size();
	}

}
