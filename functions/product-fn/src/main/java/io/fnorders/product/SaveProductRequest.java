package io.fnorders.product;

import java.math.BigDecimal;

import io.fnorders.errors.InvalidInputException;
import io.fnorders.product.catalog.Product;
import io.fnorders.values.Money;
import io.fnorders.values.Sku;
import org.jspecify.annotations.Nullable;

/** The body of {@code POST /saveProduct}. Every field is checked when it becomes a {@link Product}. */
record SaveProductRequest(@Nullable String sku, @Nullable String name, @Nullable String description,
		@Nullable String category, @Nullable BigDecimal price, @Nullable String currency) {

	Product toProduct() {
		if (this.price == null) {
			throw new InvalidInputException("price is required");
		}
		return new Product(Sku.of(this.sku), orEmpty(this.name), orEmpty(this.description), orEmpty(this.category),
				Money.of(this.price, this.currency));
	}

	/** A missing text becomes empty; {@link Product} then says which required one is missing. */
	private static String orEmpty(@Nullable String value) {
		return (value != null) ? value : "";
	}

}
