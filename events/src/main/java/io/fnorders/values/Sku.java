package io.fnorders.values;

import java.util.regex.Pattern;

import io.fnorders.errors.InvalidInputException;
import org.jspecify.annotations.Nullable;

/**
 * A stock keeping unit: the identity of a product across catalog, inventory and carts. One to 64
 * characters of letters, digits, {@code .}, {@code _} and {@code -}, starting with a letter or
 * digit; case matters.
 */
public record Sku(String value) implements Comparable<Sku> {

	private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

	public Sku {
		if (value == null || value.isBlank()) {
			throw new InvalidInputException("sku is required");
		}
		if (!FORMAT.matcher(value).matches()) {
			throw new InvalidInputException("sku '" + abbreviate(value)
					+ "' is invalid: use 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
		}
	}

	public static Sku of(@Nullable String value) {
		return new Sku(value);
	}

	private static String abbreviate(String value) {
		return value.length() <= 70 ? value : value.substring(0, 67) + "...";
	}

	@Override
	public int compareTo(Sku other) {
		return this.value.compareTo(other.value);
	}

	@Override
	public String toString() {
		return this.value;
	}

}
