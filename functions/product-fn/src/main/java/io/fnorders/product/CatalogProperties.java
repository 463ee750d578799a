package io.fnorders.product;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param maxListing the most products {@code GET /products} returns
 * @param keyPrefix prefix of the Redis keys the catalog owns
 * @param maxProducts the most products the catalog holds; saving a new one beyond is a 409
 */
@ConfigurationProperties("fnorders.catalog")
record CatalogProperties(@DefaultValue("100") int maxListing, @DefaultValue("catalog") String keyPrefix,
		@DefaultValue("100000") int maxProducts) {
}
