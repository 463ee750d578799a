package io.fnorders.inventory.stock;

import java.util.Optional;

import io.fnorders.values.Sku;

/**
 * Where stock and reservations are kept. Every method is one atomic step, whatever the number of
 * callers: that is what keeps stock from going negative.
 */
public interface StockStore {

	/**
	 * Sets the units on hand.
	 * @throws IllegalStateException when that is fewer than are reserved
	 */
	StockLevel set(Sku sku, long onHand);

	/** Adds units on hand, creating the sku's stock when it has none. */
	StockLevel add(Sku sku, long units);

	Optional<StockLevel> find(Sku sku);

	/**
	 * Reserves every line of the request or none, once per orderId: a repeated request gets the
	 * recorded outcome back and changes nothing.
	 */
	ReservationOutcome reserve(ReservationRequest request);

	/**
	 * Releases what a confirmed order holds, once; asked again, answers the same release marked
	 * {@code repeated}, with the levels as they are now. Empty when the order is unknown or was
	 * rejected.
	 */
	Optional<Release> release(String orderId);

}
