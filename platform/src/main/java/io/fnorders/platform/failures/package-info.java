/** What a failure means: an outage to be waited out, or something retrying cannot help. */
@NullMarked
package io.fnorders.platform.failures;

import org.jspecify.annotations.NullMarked;
