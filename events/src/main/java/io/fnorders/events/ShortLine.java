package io.fnorders.events;

/**
 * A line that could not be reserved.
 *
 * @param sku the product
 * @param requested how many the order asked for
 * @param available how many were available (0 for an unknown sku)
 * @param unknownSku whether inventory has never heard of the sku
 */
public record ShortLine(String sku, int requested, long available, boolean unknownSku) {
}
