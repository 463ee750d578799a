/** The operator's tools for dead letters: list a dead-letter topic, replay what was fixed. */
@NullMarked
package io.fnorders.platform.deadletters;

import org.jspecify.annotations.NullMarked;
