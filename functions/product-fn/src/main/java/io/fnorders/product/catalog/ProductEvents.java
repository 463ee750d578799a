package io.fnorders.product.catalog;

/** What the catalog tells the rest of the system. */
public interface ProductEvents {

	/**
	 * Announces that a product was created or changed; returns once the broker has it.
	 * @throws RuntimeException when the event could not be published
	 */
	void upserted(Product product);

}
