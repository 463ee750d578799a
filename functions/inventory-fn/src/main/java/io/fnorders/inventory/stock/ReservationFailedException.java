package io.fnorders.inventory.stock;

import java.util.ArrayList;
import java.util.List;

/**
 * Reserving a list of requests stopped at one of them: every request before {@link #index()} is
 * decided ({@link #decided()}); that one and those after it may or may not be, and deciding them
 * again is safe, since an order is decided once. The cause says why, an outage or not.
 */
public class ReservationFailedException extends RuntimeException {

	private final int index;

	private final List<ReservationOutcome> decided;

	/** @param decided the outcomes of the requests before {@code index}, in order */
	public ReservationFailedException(int index, RuntimeException cause, List<ReservationOutcome> decided) {
		super("Reserving request " + index + " failed: " + cause.getMessage(), cause);
		if (decided.size() != index) {
			throw new IllegalArgumentException(index + " requests are decided, not " + decided.size());
		}
		this.index = index;
		this.decided = List.copyOf(decided);
	}

	/** The first request that is not known to be decided. */
	public int index() {
		return this.index;
	}

	/** The outcomes of the requests before {@link #index()}. */
	public List<ReservationOutcome> decided() {
		return this.decided;
	}

	/** The same failure of a longer list, whose first {@code before.size()} requests were decided before. */
	ReservationFailedException after(List<ReservationOutcome> before) {
		if (before.isEmpty()) {
			return this;
		}
		List<ReservationOutcome> all = new ArrayList<>(before);
		all.addAll(this.decided);
		return new ReservationFailedException(all.size(), (RuntimeException) getCause(), all);
	}

}
