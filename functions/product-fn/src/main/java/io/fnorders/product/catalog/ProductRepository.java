package io.fnorders.product.catalog;

import java.util.List;
import java.util.Optional;

import io.fnorders.values.Sku;

/** Where products are kept. */
public interface ProductRepository {

	/**
	 * Creates or replaces the product with this sku and, in the same step, announces it
	 * ({@code product.upserted}).
	 * @throws io.fnorders.errors.ConflictException when the catalog is full and the sku is new
	 */
	void save(Product product);

	Optional<Product> find(Sku sku);

	/** The first {@code limit} products in sku order. */
	List<Product> first(int limit);

	long count();

}
