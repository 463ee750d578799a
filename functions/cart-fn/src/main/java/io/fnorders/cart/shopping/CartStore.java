package io.fnorders.cart.shopping;

import io.fnorders.values.Sku;
import org.jspecify.annotations.Nullable;

/**
 * Where carts live. Every change is one atomic step (no read-modify-write), so concurrent changes
 * to the same cart lose nothing; every change renews the cart's idle time-out and its revision.
 */
public interface CartStore {

	/**
	 * Adds units of a product; a line may hold at most {@link Cart#MAX_QUANTITY} and a cart at most
	 * {@link Cart#MAX_LINES} lines.
	 * @throws io.fnorders.errors.InvalidInputException when the line would hold more
	 * @throws io.fnorders.errors.ConflictException when the product's currency differs from the
	 * cart's, or the cart holds as many lines as it may
	 */
	Cart add(String customerId, CatalogItem item, int quantity);

	/** Removes units of a sku, or the whole line when {@code quantity} is null or reaches it. */
	Cart remove(String customerId, Sku sku, @Nullable Integer quantity);

	Cart get(String customerId);

}
