/**
 * product-fn's wiring: function beans, the HTTP contract records, and the Redis and CloudEvents
 * adapters of the {@link io.fnorders.product.catalog catalog} domain.
 */
@NullMarked
package io.fnorders.product;

import org.jspecify.annotations.NullMarked;
