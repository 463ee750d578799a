package io.fnorders.inventory.stock;

import java.util.List;
import java.util.Optional;

import io.fnorders.errors.InvalidInputException;
import io.fnorders.values.Sku;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stock levels and reservations. Every change is announced as the new stock levels; a
 * reservation's or release's levels are announced again when its event is redelivered, so an
 * announcement lost to a failure is made up for by the retry (levels carry versions, so repeats
 * are harmless).
 */
public class Inventory {

	/** The most units one sku can be set to or restocked by at once. */
	public static final long MAX_UNITS = 1_000_000_000L;

	private static final Logger log = LoggerFactory.getLogger(Inventory.class);

	private final StockStore store;

	private final StockEvents events;

	private final ReservationListener listener;

	public Inventory(StockStore store, StockEvents events, ReservationListener listener) {
		this.store = store;
		this.events = events;
		this.listener = listener;
	}

	/** Sets the units on hand; 0 or more, and not fewer than are reserved. */
	public StockLevel setStock(Sku sku, long onHand) {
		if (onHand < 0 || onHand > MAX_UNITS) {
			throw new InvalidInputException("quantity must be 0 to " + MAX_UNITS + ", was " + onHand);
		}
		return announced(this.store.set(sku, onHand));
	}

	/** Adds units on hand; more than 0. */
	public StockLevel restock(Sku sku, long units) {
		if (units < 1 || units > MAX_UNITS) {
			throw new InvalidInputException("quantity must be 1 to " + MAX_UNITS + ", was " + units);
		}
		return announced(this.store.add(sku, units));
	}

	public Optional<StockLevel> level(Sku sku) {
		return this.store.find(sku);
	}

	/** Reserves all lines of the order or none; deciding each order once. */
	public ReservationOutcome reserve(ReservationRequest request) {
		ReservationOutcome outcome = this.store.reserve(request);
		if (!outcome.repeated()) {
			this.listener.decided(outcome);
		}
		if (!outcome.levels().isEmpty()) {
			this.events.changed(outcome.levels());
		}
		return outcome;
	}

	/**
	 * Releases what the order holds, once; empty when it held nothing. A repeated release changes
	 * nothing but announces the levels again, making up for an announcement that failed.
	 */
	public Optional<Release> release(String orderId) {
		Optional<Release> release = this.store.release(orderId);
		release.ifPresent(released -> {
			if (!released.repeated()) {
				this.listener.released(released);
			}
			this.events.changed(released.levels());
		});
		return release;
	}

	/**
	 * A change made over HTTP stands even when it cannot be announced right away (the response
	 * must not invite a repeat of a restock that happened): the failure is logged, and the
	 * sku's next change announces its levels, versions included, so the view catches up.
	 */
	private StockLevel announced(StockLevel level) {
		try {
			this.events.changed(List.of(level));
		}
		catch (RuntimeException ex) {
			log.warn("Stock of {} changed to version {} but could not be announced yet: {}", level.sku(),
					level.version(), ex.getMessage());
		}
		return level;
	}

}
