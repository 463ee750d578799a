package io.fnorders.product;

import java.util.List;

import io.fnorders.product.catalog.ProductSlice;

/**
 * The answer of {@code GET /products}: products in sku order, at most {@code limit} of them;
 * {@code total} tells whether there are more.
 */
record ProductListing(List<ProductView> items, long total, int limit, boolean truncated) {

	static ProductListing of(ProductSlice slice) {
		return new ProductListing(slice.products().stream().map(ProductView::of).toList(), slice.total(),
				slice.limit(), slice.truncated());
	}

}
