package io.fnorders.product.catalog;

import java.util.Optional;

import io.fnorders.values.Sku;

/** The catalog's read of one product: the product and its availability, taken together. */
public interface ProductLookup {

	Optional<StockedProduct> find(Sku sku);

}
