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

	/** Stock levels after the decision, of the skus it touched (empty when it touched none). */
	List<StockLevel> levels();

	/** Every line is held. */
	record Confirmed(String orderId, String customerId, Map<Sku, Integer> lines, List<StockLevel> levels,
			boolean repeated) implements ReservationOutcome {

		public Confirmed {
			lines = Collections.unmodifiableMap(new LinkedHashMap<>(lines));
			levels = List.copyOf(levels);
		}

	}

	/** Nothing is held, because of the shortages. */
	record Rejected(String orderId, String customerId, List<Shortage> shortages, List<StockLevel> levels,
			boolean repeated) implements ReservationOutcome {

		public Rejected {
			if (shortages.isEmpty()) {
				throw new IllegalArgumentException("a rejection names at least one shortage");
			}
			shortages = List.copyOf(shortages);
			levels = List.copyOf(levels);
		}

		/** A sentence saying why. */
		public String reason() {
			long unknown = this.shortages.stream().filter(Shortage::unknownSku).count();
			if (unknown == this.shortages.size()) {
				return "unknown sku: " + skus();
			}
			return "insufficient stock for " + skus();
		}

		private String skus() {
			return String.join(", ", this.shortages.stream().map(shortage -> shortage.sku().value()).toList());
		}

	}

}
