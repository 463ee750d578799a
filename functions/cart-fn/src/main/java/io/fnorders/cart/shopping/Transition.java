package io.fnorders.cart.shopping;

/**
 * What a status change found: the order afterwards, and whether this change moved it (false when
 * its status was not one it may move from, or was already the new one).
 *
 * @param order the order after the change
 * @param changed whether its status changed now
 */
public record Transition(Order order, boolean changed) {

}
