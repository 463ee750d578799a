/** Brokers run as local processes, shared by the tests and the launcher. */
@NullMarked
package io.fnorders.localbrokers;

import org.jspecify.annotations.NullMarked;
