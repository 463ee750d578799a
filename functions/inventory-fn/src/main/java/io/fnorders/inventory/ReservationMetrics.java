package io.fnorders.inventory;

import io.fnorders.inventory.stock.Release;
import io.fnorders.inventory.stock.ReservationListener;
import io.fnorders.inventory.stock.ReservationOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * Business counters: {@code fnorders_reservations_total{outcome=confirmed|rejected|released}}.
 * Inventory reports each first decision and release once, before announcing it.
 */
@Component
class ReservationMetrics implements ReservationListener {

	private final Counter confirmed;

	private final Counter rejected;

	private final Counter released;

	ReservationMetrics(MeterRegistry registry) {
		this.confirmed = counter(registry, "confirmed");
		this.rejected = counter(registry, "rejected");
		this.released = counter(registry, "released");
	}

	private static Counter counter(MeterRegistry registry, String outcome) {
		return Counter.builder("fnorders.reservations")
			.description("Orders whose stock was reserved, rejected or released")
			.tag("outcome", outcome)
			.register(registry);
	}

	@Override
	public void decided(ReservationOutcome outcome) {
		switch (outcome) {
			case ReservationOutcome.Confirmed confirmation -> this.confirmed.increment();
			case ReservationOutcome.Rejected rejection -> this.rejected.increment();
			case ReservationOutcome.Cancelled cancelled -> {
			}
		}
	}

	@Override
	public void released(Release release) {
		this.released.increment();
	}

}
