package io.fnorders.inventory.stock;

/**
 * Told of every first decision about an order and every first release, right after it is stored
 * and before it is announced, so a failed announcement (and the repeat that follows) cannot make
 * it count twice or not at all.
 */
public interface ReservationListener {

	void decided(ReservationOutcome outcome);

	void released(Release release);

}
