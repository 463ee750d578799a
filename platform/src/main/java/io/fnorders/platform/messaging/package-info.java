@NullMarked
package io.fnorders.platform.messaging;

import org.jspecify.annotations.NullMarked;
