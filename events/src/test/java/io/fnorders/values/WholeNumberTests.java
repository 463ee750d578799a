package io.fnorders.values;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

class WholeNumberTests {

	@Test
	void acceptsWholeNumbersWithinBounds() {
		assertThat(WholeNumber.of(new BigDecimal("3"), "quantity", 1, 999)).isEqualTo(3);
		assertThat(WholeNumber.of(new BigDecimal("4.00"), "quantity", 1, 999)).isEqualTo(4);
	}

	@Test
	void refusesFractionsMissingValuesAndValuesOutOfBounds() {
		assertThatIllegalArgumentException().isThrownBy(() -> WholeNumber.of(new BigDecimal("2.5"), "quantity", 1, 9))
			.withMessage("quantity must be a whole number, was 2.5");
		assertThatIllegalArgumentException().isThrownBy(() -> WholeNumber.of(null, "quantity", 1, 9))
			.withMessage("quantity is required");
		assertThatIllegalArgumentException().isThrownBy(() -> WholeNumber.of(new BigDecimal("0"), "quantity", 1, 9))
			.withMessage("quantity must be 1 to 9, was 0");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> WholeNumber.of(new BigDecimal("1e30"), "quantity", 1, 9))
			.withMessageContaining("must be 1 to 9");
	}

	@Test
	void showsAHugeExponentAsWrittenInsteadOfExpandingIt() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> WholeNumber.of(new BigDecimal("1E2147483647"), "quantity", 1, 9))
			.withMessage("quantity must be 1 to 9, was 1E+2147483647");
	}

}
