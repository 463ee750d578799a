package io.fnorders.events;

import java.math.BigDecimal;

/**
 * A product was created or changed in the catalog. Subject: the sku.
 *
 * @param sku the stock keeping unit, the product's identity
 * @param name display name
 * @param description free text, possibly empty
 * @param category the catalog category
 * @param price exact unit price
 * @param currency ISO-4217 code of the price
 */
public record ProductUpserted(String sku, String name, String description, String category, BigDecimal price,
		String currency) {
}
