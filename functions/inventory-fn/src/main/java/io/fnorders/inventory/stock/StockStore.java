package io.fnorders.inventory.stock;

import java.util.List;
import java.util.Optional;

import io.fnorders.values.Sku;

/**
 * Where stock and reservations are kept. Every method is one atomic step, whatever the number of
 * callers: that is what keeps stock from going negative. Every change of a sku's stock is
 * announced ({@code stock.changed}, the levels with their version) in the same step, and so is
 * every order's outcome when it is decided ({@code order.confirmed} or {@code order.rejected}, to
 * the request's e-mail), never again when it is asked for once more.
 */
public interface StockStore {

	/**
	 * Sets the units on hand.
	 * @throws io.fnorders.errors.ConflictException when that is fewer than are reserved
	 */
	StockLevel set(Sku sku, long onHand);

	/** Adds units on hand, creating the sku's stock when it has none. */
	StockLevel add(Sku sku, long units);

	Optional<StockLevel> find(Sku sku);

	/**
	 * Reserves every line of the request or none, once per orderId: a repeated request gets the
	 * recorded outcome back and changes nothing. An order cancelled before it came is not
	 * reserved ({@link ReservationOutcome.Cancelled}).
	 */
	ReservationOutcome reserve(ReservationRequest request);

	/**
	 * Reserves each request as {@link #reserve} does, one atomic step each, in the order given and
	 * in one exchange with the store; outcome {@code i} is request {@code i}'s. What is queued for
	 * a request (its outcome's announcement) is made within its {@code scope}.
	 * @throws ReservationFailedException naming the first request not known to be decided
	 */
	List<ReservationOutcome> reserveAll(List<ReservationRequest> requests, RequestScope scope);

	/**
	 * Records that the order is rejected for {@code reason} without touching stock, once per
	 * orderId: an order decided before keeps its recorded outcome.
	 */
	ReservationOutcome reject(ReservationRequest request, String reason);

	/**
	 * Releases what a confirmed order holds, once; asked again, answers the same release marked
	 * {@code repeated}. Empty when the order held nothing: it was rejected, or is unknown, in which
	 * case the cancellation is remembered, so an {@code order.placed} that comes later reserves
	 * nothing.
	 */
	Optional<Release> release(String orderId, String customerId);

}
