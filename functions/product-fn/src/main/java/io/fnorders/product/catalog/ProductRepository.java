package io.fnorders.product.catalog;

import java.util.List;
import java.util.Optional;

import io.fnorders.values.Sku;

/** Where products are kept. */
public interface ProductRepository {

	/** Creates or replaces the product with this sku. */
	void save(Product product);

	Optional<Product> find(Sku sku);

	/** The first {@code limit} products in sku order. */
	List<Product> first(int limit);

	long count();

}
