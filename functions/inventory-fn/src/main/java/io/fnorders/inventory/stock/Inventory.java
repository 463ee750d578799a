package io.fnorders.inventory.stock;

import java.util.Optional;

import io.fnorders.errors.InvalidInputException;
import io.fnorders.values.Sku;

/**
 * Stock levels and reservations. Each change and its announcement are one step of the store, so
 * a change is never left unannounced, whatever fails after it.
 */
public class Inventory {

	/** The most units one sku can be set to or restocked by at once. */
	public static final long MAX_UNITS = 1_000_000_000L;

	private final StockStore store;

	private final ReservationListener listener;

	public Inventory(StockStore store, ReservationListener listener) {
		this.store = store;
		this.listener = listener;
	}

	/** Sets the units on hand; 0 or more, and not fewer than are reserved. */
	public StockLevel setStock(Sku sku, long onHand) {
		if (onHand < 0 || onHand > MAX_UNITS) {
			throw new InvalidInputException("quantity must be 0 to " + MAX_UNITS + ", was " + onHand);
		}
		return this.store.set(sku, onHand);
	}

	/** Adds units on hand; more than 0. */
	public StockLevel restock(Sku sku, long units) {
		if (units < 1 || units > MAX_UNITS) {
			throw new InvalidInputException("quantity must be 1 to " + MAX_UNITS + ", was " + units);
		}
		return this.store.add(sku, units);
	}

	public Optional<StockLevel> level(Sku sku) {
		return this.store.find(sku);
	}

	/**
	 * Reserves all lines of the order or none, deciding each order once; an order beyond what
	 * inventory reserves for one order (too many skus, too many units of one) is rejected.
	 */
	public ReservationOutcome reserve(ReservationRequest request) {
		ReservationOutcome outcome = request.beyondLimits()
			.map(reason -> this.store.reject(request, reason))
			.orElseGet(() -> this.store.reserve(request));
		if (!outcome.repeated() && !(outcome instanceof ReservationOutcome.Cancelled)) {
			this.listener.decided(outcome);
		}
		return outcome;
	}

	/** Releases what the order holds, once; empty when it held nothing. */
	public Optional<Release> release(String orderId, String customerId) {
		Optional<Release> release = this.store.release(orderId, customerId);
		release.filter(released -> !released.repeated()).ifPresent(this.listener::released);
		return release;
	}

}
