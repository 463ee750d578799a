/**
 * What every function service shares: default settings, HTTP exposure rules, problem+json
 * errors and CloudEvents publishing. Services get it by depending on this module.
 */
@NullMarked
package io.fnorders.platform;

import org.jspecify.annotations.NullMarked;
