package io.fnorders.events;

/**
 * Stock held for one sku of an order.
 *
 * @param sku the product
 * @param quantity how many units are held
 */
public record ReservedLine(String sku, int quantity) {
}
