/**
 * How a service's Redis client behaves where Redis moves (Swarm tasks): shared by the functions
 * and the identity provider.
 */
@NullMarked
package io.fnorders.redisclient;

import org.jspecify.annotations.NullMarked;
