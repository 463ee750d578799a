package io.fnorders.cart;

import java.math.BigDecimal;
import java.util.UUID;

import io.fnorders.events.EventTypes;
import io.fnorders.events.ProductUpserted;
import io.fnorders.events.Topics;
import io.fnorders.testsupport.EventWriter;

/** product-fn's part in cart-fn's tests: a save announced on {@code products}, as product-fn announces it. */
final class ProductEvents {

	private ProductEvents() {
	}

	/** Hands {@code product.upserted} to the writer; {@link EventWriter#flush} waits for it. */
	static void saved(EventWriter writer, String sku, String name, String price, String currency) {
		writer.sendAsync(Topics.PRODUCTS, EventTypes.PRODUCT_UPSERTED, UUID.randomUUID().toString(), sku,
				new ProductUpserted(sku, name, "", "test", new BigDecimal(price), currency));
	}

}
