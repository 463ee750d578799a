package io.fnorders.product.catalog;

import org.jspecify.annotations.Nullable;

/**
 * A product with what the catalog last heard of its stock.
 *
 * @param availability absent until inventory first reported the sku
 */
public record StockedProduct(Product product, @Nullable Availability availability) {
}
