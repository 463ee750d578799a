package io.fnorders.events;

/**
 * The stock of a sku changed. A snapshot, not a delta: a consumer keeps the one with the highest
 * {@code version}, so duplicates and reordering do no harm. Subject: the sku.
 *
 * @param sku the product
 * @param onHand units in the warehouse
 * @param reserved units held for orders
 * @param available units that can still be ordered ({@code onHand - reserved})
 * @param version increases with every change of this sku's stock
 */
public record StockChanged(String sku, long onHand, long reserved, long available, long version) {
}
