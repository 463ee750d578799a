package io.fnorders.inventory.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import java.util.stream.IntStream;

import io.fnorders.inventory.stock.ReservationRequest.Line;
import io.fnorders.values.Sku;
import org.junit.jupiter.api.Test;

class ReservationRequestTests {

	@Test
	void addsUpLinesOfTheSameSkuKeepingTheirOrder() {
		ReservationRequest request = ReservationRequest.of("o-1", "c-1",
				List.of(new Line("B", 1), new Line("A", 2), new Line("B", 3)));

		assertThat(request.quantities()).containsExactly(entry("B", 4), entry("A", 2));
	}

	@Test
	void refusesAnOrderWithoutLines() {
		assertThatIllegalArgumentException().isThrownBy(() -> ReservationRequest.of("o-1", "c-1", List.of()))
			.withMessage("order o-1 has no lines");
		assertThatIllegalArgumentException().isThrownBy(() -> ReservationRequest.of("o-1", "c-1", null));
	}

	@Test
	void refusesQuantitiesBelowOneOrAboveTheLimit() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ReservationRequest.of("o-1", "c-1", List.of(new Line("A", 0))))
			.withMessageContaining("must be at least 1");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ReservationRequest.of("o-1", "c-1", List.of(new Line("A", 10_001))))
			.withMessageContaining("must be 1 to 10000");
	}

	@Test
	void refusesMissingIdsAndInvalidSkus() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ReservationRequest.of(" ", "c-1", List.of(new Line("A", 1))))
			.withMessage("orderId is required");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ReservationRequest.of("o-1", null, List.of(new Line("A", 1))))
			.withMessage("customerId is required");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ReservationRequest.of("o-1", "c-1", List.of(new Line("a b", 1))))
			.withMessageContaining("invalid");
	}

	@Test
	void refusesMoreThanAHundredSkus() {
		List<Line> lines = IntStream.range(0, 101).mapToObj(i -> new Line("S" + i, 1)).toList();

		assertThatIllegalArgumentException().isThrownBy(() -> ReservationRequest.of("o-1", "c-1", lines))
			.withMessageContaining("more than 100 skus");
	}

	@Test
	void explainsARejectionByItsShortSkus() {
		ReservationOutcome.Rejected unknown = new ReservationOutcome.Rejected("o", "c",
				List.of(new Shortage(Sku.of("X"), 1, 0, true)), List.of(), false);
		ReservationOutcome.Rejected mixed = new ReservationOutcome.Rejected("o", "c",
				List.of(new Shortage(Sku.of("X"), 1, 0, true), new Shortage(Sku.of("Y"), 5, 2, false)), List.of(),
				false);

		assertThat(unknown.reason()).isEqualTo("unknown sku: X");
		assertThat(mixed.reason()).isEqualTo("insufficient stock for X, Y");
	}

	private static java.util.Map.Entry<Sku, Integer> entry(String sku, int quantity) {
		return java.util.Map.entry(Sku.of(sku), quantity);
	}

}
