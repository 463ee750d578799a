package io.fnorders.inventory;

import java.math.BigDecimal;

import io.fnorders.values.Sku;
import org.jspecify.annotations.Nullable;

/** The body of {@code POST /setStock} and {@code POST /restock}. */
record StockRequest(@Nullable String sku, @Nullable BigDecimal quantity) {

	Sku validSku() {
		return Sku.of(this.sku);
	}

	/** The quantity as a whole number of units. */
	long units() {
		if (this.quantity == null) {
			throw new IllegalArgumentException("quantity is required");
		}
		if (this.quantity.stripTrailingZeros().scale() > 0) {
			throw new IllegalArgumentException("quantity must be a whole number, was " + this.quantity.toPlainString());
		}
		try {
			return this.quantity.longValueExact();
		}
		catch (ArithmeticException ex) {
			throw new IllegalArgumentException("quantity is out of range: " + this.quantity.toPlainString());
		}
	}

}
