@NullMarked
package io.fnorders.cart;

import org.jspecify.annotations.NullMarked;
