/**
 * What the functions share for Redis: the Lua scripts' common parts.
 */
@NullMarked
package io.fnorders.platform.redis;

import org.jspecify.annotations.NullMarked;
