package io.fnorders.inventory.stock;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

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
		decided(outcome);
		return outcome;
	}

	/**
	 * Decides each request as {@link #reserve} does, in the order given, the reservable ones
	 * together in as few steps of the store as it allows; outcome {@code i} is request {@code i}'s,
	 * and what is recorded for it is recorded within its {@code scope}.
	 * @throws ReservationFailedException naming the first request not known to be decided
	 */
	public List<ReservationOutcome> reserveAll(List<ReservationRequest> requests, RequestScope scope) {
		List<ReservationOutcome> outcomes = new ArrayList<>(requests.size());
		try {
			// a request beyond the limits is rejected on its own; each run of the others is one step
			int index = 0;
			while (index < requests.size()) {
				Optional<String> reason = requests.get(index).beyondLimits();
				if (reason.isPresent()) {
					outcomes.add(rejected(requests.get(index), reason.get(), outcomes, scope));
					index++;
					continue;
				}
				int end = index + 1;
				while (end < requests.size() && requests.get(end).beyondLimits().isEmpty()) {
					end++;
				}
				outcomes.addAll(reserved(requests.subList(index, end), outcomes, scope));
				index = end;
			}
		}
		catch (ReservationFailedException ex) {
			ex.decided().forEach(this::decided);
			throw ex;
		}
		outcomes.forEach(this::decided);
		return outcomes;
	}

	private List<ReservationOutcome> reserved(List<ReservationRequest> run, List<ReservationOutcome> before,
			RequestScope scope) {
		int offset = before.size();
		try {
			return this.store.reserveAll(run, new RequestScope() {

				@Override
				public <T> T within(int index, Supplier<T> work) {
					return scope.within(offset + index, work);
				}

			});
		}
		catch (ReservationFailedException ex) {
			throw ex.after(before);
		}
	}

	private ReservationOutcome rejected(ReservationRequest request, String reason, List<ReservationOutcome> before,
			RequestScope scope) {
		try {
			return scope.within(before.size(), () -> this.store.reject(request, reason));
		}
		catch (RuntimeException ex) {
			throw new ReservationFailedException(before.size(), ex, before);
		}
	}

	private void decided(ReservationOutcome outcome) {
		if (!outcome.repeated() && !(outcome instanceof ReservationOutcome.Cancelled)) {
			this.listener.decided(outcome);
		}
	}

	/** Releases what the order holds, once; empty when it held nothing. */
	public Optional<Release> release(String orderId, String customerId) {
		Optional<Release> release = this.store.release(orderId, customerId);
		release.filter(released -> !released.repeated()).ifPresent(this.listener::released);
		return release;
	}

}
