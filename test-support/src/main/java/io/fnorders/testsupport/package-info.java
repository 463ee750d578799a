/** Test support shared by every function: real brokers on free ports, and readers of topics. */
@NullMarked
package io.fnorders.testsupport;

import org.jspecify.annotations.NullMarked;
