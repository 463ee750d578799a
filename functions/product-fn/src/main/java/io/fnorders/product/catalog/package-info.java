/** The product catalog's domain: plain Java, no framework, tested with {@code new}. */
@NullMarked
package io.fnorders.product.catalog;

import org.jspecify.annotations.NullMarked;
