package io.fnorders.values;

import java.math.BigDecimal;

/** How a number a client sent is shown back in a message. */
final class Numbers {

	/** Longer than this, a number is shown in scientific notation ({@code 1E+2147483647}). */
	private static final int MAX_PLAIN_DIGITS = 40;

	private Numbers() {
	}

	/**
	 * The number as written, plainly when that is short: {@code toPlainString()} of
	 * {@code 1E2147483647} would be two billion digits.
	 */
	static String shown(BigDecimal value) {
		boolean shortEnough = value.precision() <= MAX_PLAIN_DIGITS && Math.abs((long) value.scale()) <= MAX_PLAIN_DIGITS;
		return shortEnough ? value.toPlainString() : value.toString();
	}

}
