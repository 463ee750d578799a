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
	void refusesQuantitiesBelowOne() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ReservationRequest.of("o-1", "c-1", List.of(new Line("A", 0))))
			.withMessageContaining("must be at least 1");
	}

	@Test
	void readsAnOrderBeyondTheLimitsAndSaysWhyItIsBeyondThem() {
		ReservationRequest units = ReservationRequest.of("o-1", "c-1", List.of(new Line("A", 10_001)));
		ReservationRequest skus = ReservationRequest.of("o-1", "c-1",
				IntStream.range(0, 101).mapToObj(i -> new Line("S" + i, 1)).toList());

		assertThat(units.beyondLimits()).contains("at most 10000 units of a sku can be reserved for one order, "
				+ "10001 of A were asked for");
		assertThat(skus.beyondLimits()).contains("an order may have at most 100 skus, this one has 101");
		assertThat(ReservationRequest.of("o-1", "c-1", List.of(new Line("A", 10_000))).beyondLimits()).isEmpty();
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

	private static java.util.Map.Entry<Sku, Integer> entry(String sku, int quantity) {
		return java.util.Map.entry(Sku.of(sku), quantity);
	}

}
