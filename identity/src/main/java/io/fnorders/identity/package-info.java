/** The identity service's wiring and adapters: Spring Authorization Server, pages, Redis. */
@NullMarked
package io.fnorders.identity;

import org.jspecify.annotations.NullMarked;
