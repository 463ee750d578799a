package io.fnorders.inventory.stock;

import io.fnorders.values.Sku;

/**
 * A line of an order that stock could not cover.
 *
 * @param sku the product
 * @param requested units the order asked for
 * @param available units there were (0 for an unknown sku)
 * @param unknownSku whether inventory has no stock record for the sku at all
 */
public record Shortage(Sku sku, int requested, long available, boolean unknownSku) {
}
