package io.fnorders.product;

import java.math.BigDecimal;

import io.fnorders.product.catalog.Product;

/** A product as the HTTP functions answer it. */
record ProductView(String sku, String name, String description, String category, BigDecimal price,
		String currency) {

	static ProductView of(Product product) {
		return new ProductView(product.sku().value(), product.name(), product.description(), product.category(),
				product.price().amount(), product.price().currencyCode());
	}

}
