package io.fnorders.product;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param maxListing the most products {@code GET /products} returns
 * @param keyPrefix prefix of the Redis keys the catalog owns
 */
@ConfigurationProperties("fnorders.catalog")
record CatalogProperties(@DefaultValue("100") int maxListing, @DefaultValue("catalog") String keyPrefix) {
}
