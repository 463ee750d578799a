/** Notifications' domain: one e-mail per order and moment. Plain Java. */
@NullMarked
package io.fnorders.notification.notices;

import org.jspecify.annotations.NullMarked;
