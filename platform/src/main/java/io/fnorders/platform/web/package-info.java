@NullMarked
package io.fnorders.platform.web;

import org.jspecify.annotations.NullMarked;
