package io.fnorders.values;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class SkuTests {

	@Test
	void acceptsLettersDigitsAndSeparators() {
		assertThat(Sku.of("MUG-blue_2.0").value()).isEqualTo("MUG-blue_2.0");
	}

	@Test
	void refusesAMissingSku() {
		assertThatIllegalArgumentException().isThrownBy(() -> Sku.of(" ")).withMessage("sku is required");
		assertThatIllegalArgumentException().isThrownBy(() -> Sku.of(null)).withMessage("sku is required");
	}

	@Test
	void refusesCharactersOutsideTheAlphabet() {
		assertThatIllegalArgumentException().isThrownBy(() -> Sku.of("mug/blue")).withMessageContaining("invalid");
		assertThatIllegalArgumentException().isThrownBy(() -> Sku.of("-mug")).withMessageContaining("invalid");
	}

	@Test
	void refusesMoreThanSixtyFourCharacters() {
		assertThatIllegalArgumentException().isThrownBy(() -> Sku.of("A".repeat(65)))
			.withMessageContaining("invalid");
	}

	@Test
	void sortsByValue() {
		assertThat(Sku.of("B")).isGreaterThan(Sku.of("A"));
	}

}
