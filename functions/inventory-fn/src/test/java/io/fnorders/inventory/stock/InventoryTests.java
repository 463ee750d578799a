package io.fnorders.inventory.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fnorders.values.Sku;
import org.junit.jupiter.api.Test;

class InventoryTests {

	private static final Sku MUG = Sku.of("MUG");

	private final ScriptedStore store = new ScriptedStore();

	private final List<StockLevel> announced = new ArrayList<>();

	private final Inventory inventory = new Inventory(this.store, this.announced::addAll);

	@Test
	void announcesEveryChangeOfStock() {
		this.inventory.setStock(MUG, 5);
		this.inventory.restock(MUG, 2);

		assertThat(this.announced).extracting(StockLevel::onHand).containsExactly(5L, 7L);
	}

	@Test
	void refusesQuantitiesOutOfRange() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.inventory.setStock(MUG, -1))
			.withMessageContaining("quantity must be 0 to");
		assertThatIllegalArgumentException().isThrownBy(() -> this.inventory.restock(MUG, 0))
			.withMessageContaining("quantity must be 1 to");
		assertThatIllegalArgumentException().isThrownBy(() -> this.inventory.setStock(MUG, Inventory.MAX_UNITS + 1));
		assertThat(this.announced).isEmpty();
	}

	@Test
	void letsTheStoreRefuseStockBelowWhatIsReserved() {
		this.store.refuseSet = true;

		assertThatIllegalStateException().isThrownBy(() -> this.inventory.setStock(MUG, 1));
		assertThat(this.announced).isEmpty();
	}

	@Test
	void announcesTheLevelsOfAConfirmedOrderEvenWhenItIsRepeated() {
		StockLevel level = new StockLevel(MUG, 5, 2, 3);
		this.store.outcome = new ReservationOutcome.Confirmed("o-1", "c-1", Map.of(MUG, 2), List.of(level), true);

		ReservationOutcome outcome = this.inventory.reserve(request("o-1", "MUG", 2));

		assertThat(outcome.repeated()).isTrue();
		assertThat(this.announced).containsExactly(level);
	}

	@Test
	void announcesNothingForARejectedOrder() {
		this.store.outcome = new ReservationOutcome.Rejected("o-1", "c-1",
				List.of(new Shortage(MUG, 3, 1, false)), List.of(), false);

		this.inventory.reserve(request("o-1", "MUG", 3));

		assertThat(this.announced).isEmpty();
	}

	@Test
	void announcesTheLevelsAfterARelease() {
		StockLevel after = new StockLevel(MUG, 5, 0, 4);
		this.store.release = Optional.of(new Release("o-1", Map.of(MUG, 2), List.of(after)));

		assertThat(this.inventory.release("o-1")).isPresent();
		assertThat(this.announced).containsExactly(after);
	}

	@Test
	void announcesNothingWhenThereIsNothingToRelease() {
		assertThat(this.inventory.release("unknown")).isEmpty();
		assertThat(this.announced).isEmpty();
	}

	private static ReservationRequest request(String orderId, String sku, int quantity) {
		return ReservationRequest.of(orderId, "c-1", List.of(new ReservationRequest.Line(sku, quantity)));
	}

	/** A store that answers what the test scripts; the real rules are tested against Redis. */
	static final class ScriptedStore implements StockStore {

		final Map<Sku, StockLevel> levels = new LinkedHashMap<>();

		boolean refuseSet;

		ReservationOutcome outcome;

		Optional<Release> release = Optional.empty();

		@Override
		public StockLevel set(Sku sku, long onHand) {
			if (this.refuseSet) {
				throw new IllegalStateException("reserved");
			}
			return put(sku, onHand);
		}

		@Override
		public StockLevel add(Sku sku, long units) {
			return put(sku, find(sku).map(StockLevel::onHand).orElse(0L) + units);
		}

		private StockLevel put(Sku sku, long onHand) {
			StockLevel level = new StockLevel(sku, onHand, 0, find(sku).map(StockLevel::version).orElse(0L) + 1);
			this.levels.put(sku, level);
			return level;
		}

		@Override
		public Optional<StockLevel> find(Sku sku) {
			return Optional.ofNullable(this.levels.get(sku));
		}

		@Override
		public ReservationOutcome reserve(ReservationRequest request) {
			return this.outcome;
		}

		@Override
		public Optional<Release> release(String orderId) {
			return this.release;
		}

	}

}
