package io.fnorders.product.catalog;

import java.util.Optional;

import io.fnorders.values.Sku;

/**
 * The catalog: saves products (the repository announces each save in the same step), answers
 * lookups and bounded listings.
 */
public class ProductCatalog {

	private final ProductRepository products;

	private final int maxListing;

	/**
	 * @param maxListing the most products one listing returns
	 */
	public ProductCatalog(ProductRepository products, int maxListing) {
		if (maxListing < 1) {
			throw new IllegalArgumentException("maxListing must be at least 1");
		}
		this.products = products;
		this.maxListing = maxListing;
	}

	/** Creates or replaces the product, and announces it ({@code product.upserted}). */
	public Product save(Product product) {
		this.products.save(product);
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
