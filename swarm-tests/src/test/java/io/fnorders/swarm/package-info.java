/**
 * Tests of the deployed stack on a running Swarm, from outside: HTTP to its published ports, the
 * docker CLI and the project's make targets.
 */
@NullMarked
package io.fnorders.swarm;

import org.jspecify.annotations.NullMarked;
