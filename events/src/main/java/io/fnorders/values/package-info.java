/** Value types shared by the functions: identifiers and money. Plain Java. */
@NullMarked
package io.fnorders.values;

import org.jspecify.annotations.NullMarked;
