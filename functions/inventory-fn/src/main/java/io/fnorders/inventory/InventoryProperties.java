package io.fnorders.inventory;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param keyPrefix prefix of the Redis keys inventory owns
 */
@ConfigurationProperties("fnorders.inventory")
record InventoryProperties(@DefaultValue("inventory") String keyPrefix) {
}
