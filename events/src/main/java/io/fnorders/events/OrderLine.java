package io.fnorders.events;

import java.math.BigDecimal;

/**
 * One line of an order.
 *
 * @param sku the product
 * @param quantity how many, at least 1
 * @param unitPrice the price of one, taken from the catalog when the line was added
 */
public record OrderLine(String sku, int quantity, BigDecimal unitPrice) {
}
