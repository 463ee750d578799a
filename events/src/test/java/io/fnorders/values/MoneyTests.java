package io.fnorders.values;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.math.BigDecimal;

import io.fnorders.errors.InvalidInputException;
import org.junit.jupiter.api.Test;

class MoneyTests {

	@Test
	void scalesTheAmountToTheCurrencysMinorUnit() {
		Money money = Money.of(new BigDecimal("19.9"), "EUR");
		assertThat(money.amount()).isEqualByComparingTo("19.90").hasScaleOf(2);
		assertThat(money).hasToString("19.90 EUR");
	}

	@Test
	void keepsTrailingZerosWithinTheMinorUnit() {
		assertThat(Money.of(new BigDecimal("5.000"), "USD").amount()).hasScaleOf(2);
		assertThat(Money.of(new BigDecimal("500"), "JPY").amount()).hasScaleOf(0);
	}

	@Test
	void refusesMoreDecimalsThanTheCurrencyHas() {
		assertThatIllegalArgumentException().isThrownBy(() -> Money.of(new BigDecimal("1.005"), "EUR"))
			.withMessageContaining("more decimals than EUR allows (2)");
	}

	@Test
	void refusesAmountsTooLargeToBeAPriceWithoutExpandingThem() {
		assertThatIllegalArgumentException().isThrownBy(() -> Money.of(new BigDecimal("1e1000000000"), "EUR"))
			.withMessageContaining("less than 10^15");
		assertThat(Money.of(new BigDecimal("999999999999999.99"), "EUR").amount()).hasScaleOf(2);
	}

	@Test
	void refusesAnExponentWhoseDigitCountOverflowsAnInt() {
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> Money.of(new BigDecimal("1E2147483647"), "EUR"))
			.withMessageContaining("less than 10^15");
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> Money.of(new BigDecimal("1E-2147483647"), "EUR"))
			.withMessage("amount 1E-2147483647 has more decimals than EUR allows (2)");
	}

	@Test
	void refusesANegativeAmount() {
		assertThatIllegalArgumentException().isThrownBy(() -> Money.of(new BigDecimal("-1"), "EUR"))
			.withMessageContaining("must not be negative");
	}

	@Test
	void refusesAnUnknownOrMalformedCurrency() {
		assertThatIllegalArgumentException().isThrownBy(() -> Money.of(BigDecimal.ONE, "EURO"))
			.withMessageContaining("ISO-4217");
		assertThatIllegalArgumentException().isThrownBy(() -> Money.of(BigDecimal.ONE, "ZZZ"))
			.withMessageContaining("ISO-4217");
		assertThatIllegalArgumentException().isThrownBy(() -> Money.of(BigDecimal.ONE, null))
			.withMessage("currency is required");
	}

	@Test
	void refusesACurrencyWithoutMinorUnit() {
		assertThatIllegalArgumentException().isThrownBy(() -> Money.of(BigDecimal.ONE, "XAU"))
			.withMessageContaining("no minor unit");
	}

}
