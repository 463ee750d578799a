package io.fnorders.product;

import java.math.BigDecimal;

import io.fnorders.product.catalog.Availability;
import io.fnorders.product.catalog.Product;
import org.jspecify.annotations.Nullable;

/**
 * A product as the HTTP functions answer it. {@code availability} is what inventory last
 * reported, or {@code null} when it never reported on the sku.
 */
record ProductView(String sku, String name, String description, String category, BigDecimal price,
		String currency, @Nullable AvailabilityView availability) {

	static ProductView of(Product product, @Nullable Availability availability) {
		return new ProductView(product.sku().value(), product.name(), product.description(), product.category(),
				product.price().amount(), product.price().currencyCode(),
				(availability != null) ? new AvailabilityView(availability.available(), availability.inStock()) : null);
	}

	/**
	 * @param available units that could be ordered
	 * @param inStock whether any could
	 */
	record AvailabilityView(long available, boolean inStock) {
	}

}
