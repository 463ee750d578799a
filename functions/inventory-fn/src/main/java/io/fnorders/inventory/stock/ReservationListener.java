package io.fnorders.inventory.stock;

/**
 * Told of every first decision about an order (confirmed or rejected) and every first release,
 * right after it is stored, so a redelivered event cannot make it count twice.
 */
public interface ReservationListener {

	void decided(ReservationOutcome outcome);

	void released(Release release);

}
