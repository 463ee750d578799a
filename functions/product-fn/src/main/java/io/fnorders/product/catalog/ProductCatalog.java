package io.fnorders.product.catalog;

import java.util.Optional;

import io.fnorders.values.Sku;

/**
 * The catalog: saves products and announces every change, answers lookups and bounded listings.
 */
public class ProductCatalog {

	private final ProductRepository products;

	private final ProductEvents events;

	private final int maxListing;

	/**
	 * @param maxListing the most products one listing returns
	 */
	public ProductCatalog(ProductRepository products, ProductEvents events, int maxListing) {
		if (maxListing < 1) {
			throw new IllegalArgumentException("maxListing must be at least 1");
		}
		this.products = products;
		this.events = events;
		this.maxListing = maxListing;
	}

	/**
	 * Stores the product, then publishes {@code product.upserted}. If publishing fails the caller
	 * sees the failure and may repeat the save: saving is idempotent, and the repeat publishes.
	 */
	public Product save(Product product) {
		this.products.save(product);
		this.events.upserted(product);
		return product;
	}

	public Optional<Product> find(Sku sku) {
		return this.products.find(sku);
	}

	/** The first products in sku order, bounded by the catalog's listing limit. */
	public ProductSlice list() {
		return new ProductSlice(this.products.first(this.maxListing), this.products.count(), this.maxListing);
	}

}
