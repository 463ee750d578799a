package io.fnorders.product.catalog;

import io.fnorders.errors.InvalidInputException;
import io.fnorders.values.Money;
import io.fnorders.values.Sku;
import org.jspecify.annotations.Nullable;

/**
 * A product of the catalog.
 *
 * @param sku its identity
 * @param name display name, 1 to 200 characters
 * @param description free text up to 2000 characters, possibly empty
 * @param category catalog category, 1 to 100 characters
 * @param price exact unit price
 */
public record Product(Sku sku, String name, String description, String category, Money price) {

	static final int MAX_NAME = 200;

	static final int MAX_DESCRIPTION = 2000;

	static final int MAX_CATEGORY = 100;

	public Product {
		name = text("name", name, MAX_NAME, true);
		description = text("description", description, MAX_DESCRIPTION, false);
		category = text("category", category, MAX_CATEGORY, true);
		if (sku == null) {
			throw new InvalidInputException("sku is required");
		}
		if (price == null) {
			throw new InvalidInputException("price is required");
		}
	}

	private static String text(String field, @Nullable String value, int max, boolean required) {
		String trimmed = (value != null) ? value.strip() : "";
		if (required && trimmed.isEmpty()) {
			throw new InvalidInputException(field + " is required");
		}
		if (trimmed.length() > max) {
			throw new InvalidInputException(field + " must be at most " + max + " characters");
		}
		return trimmed;
	}

}
