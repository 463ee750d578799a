package io.fnorders.product.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.math.BigDecimal;

import io.fnorders.values.Money;
import io.fnorders.values.Sku;
import org.junit.jupiter.api.Test;

class ProductTests {

	private static final Money PRICE = Money.of(BigDecimal.TEN, "EUR");

	@Test
	void trimsItsTexts() {
		Product product = new Product(Sku.of("A"), "  Mug ", " ", " kitchen", PRICE);

		assertThat(product.name()).isEqualTo("Mug");
		assertThat(product.description()).isEmpty();
		assertThat(product.category()).isEqualTo("kitchen");
	}

	@Test
	void requiresANameAndACategory() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Product(Sku.of("A"), " ", "", "kitchen", PRICE))
			.withMessage("name is required");
		assertThatIllegalArgumentException().isThrownBy(() -> new Product(Sku.of("A"), "Mug", "", "", PRICE))
			.withMessage("category is required");
	}

	@Test
	void boundsTheLengthOfItsTexts() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new Product(Sku.of("A"), "x".repeat(201), "", "kitchen", PRICE))
			.withMessage("name must be at most 200 characters");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new Product(Sku.of("A"), "Mug", "x".repeat(2001), "kitchen", PRICE))
			.withMessage("description must be at most 2000 characters");
	}

}
