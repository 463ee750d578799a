package io.fnorders.product;

import java.util.List;
import java.util.Map;

import io.fnorders.product.catalog.Availability;
import io.fnorders.product.catalog.ProductSlice;
import io.fnorders.values.Sku;

/**
 * The answer of {@code GET /products}: products in sku order, at most {@code limit} of them;
 * {@code total} tells whether there are more.
 */
record ProductListing(List<ProductView> items, long total, int limit, boolean truncated) {

	static ProductListing of(ProductSlice slice, Map<Sku, Availability> availabilities) {
		return new ProductListing(slice.products()
			.stream()
			.map(product -> ProductView.of(product, availabilities.get(product.sku())))
			.toList(), slice.total(), slice.limit(), slice.truncated());
	}

}
