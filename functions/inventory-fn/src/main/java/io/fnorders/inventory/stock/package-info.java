/** Inventory's domain: stock levels and all-or-nothing reservations. Plain Java. */
@NullMarked
package io.fnorders.inventory.stock;

import org.jspecify.annotations.NullMarked;
