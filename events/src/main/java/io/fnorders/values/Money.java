package io.fnorders.values;

import java.math.BigDecimal;
import java.util.Currency;

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
			throw new IllegalArgumentException("amount is required");
		}
		if (currency == null) {
			throw new IllegalArgumentException("currency is required");
		}
		if (amount.precision() - amount.scale() > MAX_INTEGER_DIGITS) {
			throw new IllegalArgumentException("amount must be less than 10^" + MAX_INTEGER_DIGITS);
		}
		if (amount.signum() < 0) {
			throw new IllegalArgumentException("amount must not be negative, was " + amount.toPlainString());
		}
		int digits = currency.getDefaultFractionDigits();
		if (digits < 0) {
			throw new IllegalArgumentException("currency " + currency.getCurrencyCode() + " has no minor unit and cannot price goods");
		}
		if (amount.stripTrailingZeros().scale() > digits) {
			throw new IllegalArgumentException("amount " + amount.toPlainString() + " has more decimals than "
					+ currency.getCurrencyCode() + " allows (" + digits + ")");
		}
		amount = amount.setScale(digits);
	}

	/**
	 * @param amount the exact amount
	 * @param currencyCode an ISO-4217 code such as {@code EUR}
	 * @throws IllegalArgumentException when either is missing or invalid
	 */
	public static Money of(@Nullable BigDecimal amount, @Nullable String currencyCode) {
		return new Money(amount, currency(currencyCode));
	}

	private static Currency currency(@Nullable String code) {
		if (code == null || code.isBlank()) {
			throw new IllegalArgumentException("currency is required");
		}
		if (!code.matches("[A-Z]{3}")) {
			throw new IllegalArgumentException("currency '" + code + "' is not an ISO-4217 code such as EUR");
		}
		try {
			return Currency.getInstance(code);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("currency '" + code + "' is not an ISO-4217 code such as EUR");
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
