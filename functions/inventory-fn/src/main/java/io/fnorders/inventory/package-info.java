@NullMarked
package io.fnorders.inventory;

import org.jspecify.annotations.NullMarked;
