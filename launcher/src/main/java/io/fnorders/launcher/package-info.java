/** The local launcher behind {@code make run}. */
@NullMarked
package io.fnorders.launcher;

import org.jspecify.annotations.NullMarked;
