package io.fnorders.inventory;

import io.fnorders.inventory.stock.StockLevel;

/** A sku's stock as the HTTP functions answer it. */
record StockView(String sku, long onHand, long reserved, long available) {

	static StockView of(StockLevel level) {
		return new StockView(level.sku().value(), level.onHand(), level.reserved(), level.available());
	}

}
