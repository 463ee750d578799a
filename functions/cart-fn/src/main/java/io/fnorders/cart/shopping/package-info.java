/** The cart's domain: carts, checkout and orders. Plain Java. */
@NullMarked
package io.fnorders.cart.shopping;

import org.jspecify.annotations.NullMarked;
