package io.fnorders.cart.shopping;

import io.fnorders.values.Money;
import io.fnorders.values.Sku;

/** What the catalog says about a product when it is put in a cart. */
public record CatalogItem(Sku sku, String name, Money price) {
}
