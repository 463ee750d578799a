/**
 * Topics and event types shared by every function. Plain Java: no framework types, so each
 * service and test can use them as they are.
 */
@NullMarked
package io.fnorders.events;

import org.jspecify.annotations.NullMarked;
