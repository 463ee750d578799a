package io.fnorders.values;

import java.math.BigDecimal;
import java.util.Currency;

import io.fnorders.errors.InvalidInputException;
import org.jspecify.annotations.Nullable;

/**
 * An exact, non-negative amount in an ISO-4217 currency, scaled to the currency's minor unit
 * ({@code 19.9 EUR} is kept as {@code 19.90}). Never a {@code double}.
 */
public record Money(BigDecimal amount, Currency currency) {

	/** Amounts have at most this many digits before the decimal point. */
	public static final int MAX_INTEGER_DIGITS = 15;

	public Money {
		if (amount == null) {
			throw new InvalidInputException("amount is required");
		}
		if (currency == null) {
			throw new InvalidInputException("currency is required");
		}
		// in long: for 1E2147483647 the int difference overflows and would pass
		if ((long) amount.precision() - amount.scale() > MAX_INTEGER_DIGITS) {
			throw new InvalidInputException("amount must be less than 10^" + MAX_INTEGER_DIGITS);
		}
		if (amount.signum() < 0) {
			throw new InvalidInputException("amount must not be negative, was " + Numbers.shown(amount));
		}
		int digits = currency.getDefaultFractionDigits();
		if (digits < 0) {
			throw new InvalidInputException("currency " + currency.getCurrencyCode() + " has no minor unit and cannot price goods");
		}
		if (amount.stripTrailingZeros().scale() > digits) {
			throw new InvalidInputException("amount " + Numbers.shown(amount) + " has more decimals than "
					+ currency.getCurrencyCode() + " allows (" + digits + ")");
		}
		amount = amount.setScale(digits);
	}

	/**
	 * @param amount the exact amount
	 * @param currencyCode an ISO-4217 code such as {@code EUR}
	 * @throws InvalidInputException when either is missing or invalid
	 */
	public static Money of(@Nullable BigDecimal amount, @Nullable String currencyCode) {
		return new Money(amount, currency(currencyCode));
	}

	private static Currency currency(@Nullable String code) {
		if (code == null || code.isBlank()) {
			throw new InvalidInputException("currency is required");
		}
		if (!code.matches("[A-Z]{3}")) {
			throw new InvalidInputException("currency '" + code + "' is not an ISO-4217 code such as EUR");
		}
		try {
			return Currency.getInstance(code);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException("currency '" + code + "' is not an ISO-4217 code such as EUR");
		}
	}

	/** The currency's ISO-4217 code. */
	public String currencyCode() {
		return this.currency.getCurrencyCode();
	}

	@Override
	public String toString() {
		return this.amount.toPlainString() + " " + currencyCode();
	}

}
