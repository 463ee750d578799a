package io.fnorders.inventory.stock;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fnorders.values.Sku;

/**
 * What became of a reservation request. {@code repeated} is true when the order had been decided
 * before (a redelivered event): the outcome is the recorded one and nothing changed.
 */
public sealed interface ReservationOutcome {

	String orderId();

	String customerId();

	boolean repeated();

	/** Every line is held. */
	record Confirmed(String orderId, String customerId, Map<Sku, Integer> lines, boolean repeated)
			implements ReservationOutcome {

		public Confirmed {
			lines = Collections.unmodifiableMap(new LinkedHashMap<>(lines));
		}

	}

	/**
	 * Nothing is held: stock was short for the {@code shortages}, or the order asked for more than
	 * inventory reserves for one order (then there are no shortages).
	 *
	 * @param reason a sentence saying why
	 */
	record Rejected(String orderId, String customerId, String reason, List<Shortage> shortages, boolean repeated)
			implements ReservationOutcome {

		public Rejected {
			shortages = List.copyOf(shortages);
		}

	}

	/**
	 * The order was cancelled before inventory could reserve it: nothing is held, and there is
	 * nothing to announce (the customer has been told of the cancellation).
	 */
	record Cancelled(String orderId, String customerId, boolean repeated) implements ReservationOutcome {
	}

}
