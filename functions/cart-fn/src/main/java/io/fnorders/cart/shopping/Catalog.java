package io.fnorders.cart.shopping;

import java.util.Optional;

import io.fnorders.values.Sku;

/** The product catalog, as the cart sees it. */
public interface Catalog {

	/**
	 * @return the product, or empty when the catalog has no such sku
	 * @throws RuntimeException when the catalog cannot be asked
	 */
	Optional<CatalogItem> find(Sku sku);

}
