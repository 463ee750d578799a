/**
 * How the functions' Redis client behaves where Redis moves (Swarm tasks).
 */
@NullMarked
package io.fnorders.platform.redis;

import org.jspecify.annotations.NullMarked;
