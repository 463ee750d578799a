/** The yardsticks {@code make bench} measures the service against; off in every deployment. */
@NullMarked
package io.fnorders.platform.bench;

import org.jspecify.annotations.NullMarked;
