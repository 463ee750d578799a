package io.fnorders.values;

import java.math.BigDecimal;

import io.fnorders.errors.InvalidInputException;
import org.jspecify.annotations.Nullable;

/**
 * Reads a count (a quantity of units) that arrived as a JSON number: it must be present, whole
 * and within bounds. Taking it as a {@link BigDecimal} first keeps {@code 2.5} from being
 * silently truncated to 2.
 */
public final class WholeNumber {

	private WholeNumber() {
	}

	/**
	 * @param field the field's name, for the message
	 * @throws InvalidInputException when the value is missing, not whole, or out of bounds
	 */
	public static long of(@Nullable BigDecimal value, String field, long min, long max) {
		if (value == null) {
			throw new InvalidInputException(field + " is required");
		}
		if (value.stripTrailingZeros().scale() > 0) {
			throw new InvalidInputException(field + " must be a whole number, was " + Numbers.shown(value));
		}
		if (value.compareTo(BigDecimal.valueOf(min)) < 0 || value.compareTo(BigDecimal.valueOf(max)) > 0) {
			throw new InvalidInputException(field + " must be " + min + " to " + max + ", was " + Numbers.shown(value));
		}
		return value.longValueExact();
	}

}
