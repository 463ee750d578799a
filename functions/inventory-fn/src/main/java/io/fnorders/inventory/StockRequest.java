package io.fnorders.inventory;

import java.math.BigDecimal;

import io.fnorders.inventory.stock.Inventory;
import io.fnorders.values.Sku;
import io.fnorders.values.WholeNumber;
import org.jspecify.annotations.Nullable;

/** The body of {@code POST /setStock} and {@code POST /restock}. */
record StockRequest(@Nullable String sku, @Nullable BigDecimal quantity) {

	Sku validSku() {
		return Sku.of(this.sku);
	}

	/** The quantity as a whole number of units, from {@code min} to {@link Inventory#MAX_UNITS}. */
	long units(long min) {
		return WholeNumber.of(this.quantity, "quantity", min, Inventory.MAX_UNITS);
	}

}
