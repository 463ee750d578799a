package io.fnorders.cart.shopping;

import java.math.BigDecimal;

import io.fnorders.values.Money;
import io.fnorders.values.Sku;

/**
 * One product in a cart or an order.
 *
 * @param sku the product
 * @param name its name when it was added
 * @param unitPrice its price when it was added
 * @param quantity how many, 1 to {@value Cart#MAX_QUANTITY}
 */
public record CartLine(Sku sku, String name, Money unitPrice, int quantity) {

	public Money lineTotal() {
		return new Money(this.unitPrice.amount().multiply(BigDecimal.valueOf(this.quantity)),
				this.unitPrice.currency());
	}

}
