/**
 * A transactional outbox in Redis: a service's Lua script writes its change and appends the events
 * that announce it to a Redis stream in the same atomic step; a relay publishes each entry to its
 * binding and deletes it only once the broker has it. Nothing written is ever unannounced, and
 * nothing announced was not written.
 */
@NullMarked
package io.fnorders.platform.outbox;

import org.jspecify.annotations.NullMarked;
