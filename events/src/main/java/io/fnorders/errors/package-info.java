/**
 * How a function refuses a request, shared by every domain: the input breaks a rule, the thing
 * asked for does not exist, the request conflicts with the current state, or it cannot be done
 * right now. Plain Java, so domain code signals without web or broker types; the platform maps
 * each to its HTTP status and to retry or dead-letter for broker-triggered functions. Their
 * messages are written for the client: anything else a function throws is answered with a plain
 * detail.
 */
@NullMarked
package io.fnorders.errors;

import org.jspecify.annotations.NullMarked;
