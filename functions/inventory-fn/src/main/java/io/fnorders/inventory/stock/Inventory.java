package io.fnorders.inventory.stock;

import java.util.List;
import java.util.Optional;

import io.fnorders.values.Sku;

/**
 * Stock levels and reservations. Every change is announced as the new stock levels; a
 * reservation's levels are announced again when its order is redelivered, so an announcement lost
 * to a crash is made up for by the redelivery (levels carry versions, so repeats are harmless).
 */
public class Inventory {

	/** The most units one sku can be set to or restocked by at once. */
	public static final long MAX_UNITS = 1_000_000_000L;

	private final StockStore store;

	private final StockEvents events;

	public Inventory(StockStore store, StockEvents events) {
		this.store = store;
		this.events = events;
	}

	/** Sets the units on hand; 0 or more, and not fewer than are reserved. */
	public StockLevel setStock(Sku sku, long onHand) {
		if (onHand < 0 || onHand > MAX_UNITS) {
			throw new IllegalArgumentException("quantity must be 0 to " + MAX_UNITS + ", was " + onHand);
		}
		return announced(this.store.set(sku, onHand));
	}

	/** Adds units on hand; more than 0. */
	public StockLevel restock(Sku sku, long units) {
		if (units < 1 || units > MAX_UNITS) {
			throw new IllegalArgumentException("quantity must be 1 to " + MAX_UNITS + ", was " + units);
		}
		return announced(this.store.add(sku, units));
	}

	public Optional<StockLevel> level(Sku sku) {
		return this.store.find(sku);
	}

	/** Reserves all lines of the order or none; deciding each order once. */
	public ReservationOutcome reserve(ReservationRequest request) {
		ReservationOutcome outcome = this.store.reserve(request);
		if (!outcome.levels().isEmpty()) {
			this.events.changed(outcome.levels());
		}
		return outcome;
	}

	/** Releases what the order holds, once; empty when there is nothing to release. */
	public Optional<Release> release(String orderId) {
		Optional<Release> release = this.store.release(orderId);
		release.ifPresent(released -> this.events.changed(released.levels()));
		return release;
	}

	private StockLevel announced(StockLevel level) {
		this.events.changed(List.of(level));
		return level;
	}

}
