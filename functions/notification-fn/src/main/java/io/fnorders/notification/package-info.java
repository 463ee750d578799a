@NullMarked
package io.fnorders.notification;

import org.jspecify.annotations.NullMarked;
