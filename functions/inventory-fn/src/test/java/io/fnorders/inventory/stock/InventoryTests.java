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

	private final List<Object> decisions = new ArrayList<>();

	private boolean brokerDown;

	private final Inventory inventory = new Inventory(this.store, levels -> {
		if (this.brokerDown) {
			throw new IllegalStateException("broker down");
		}
		this.announced.addAll(levels);
	}, new ReservationListener() {

		@Override
		public void decided(ReservationOutcome outcome) {
			InventoryTests.this.decisions.add(outcome);
		}

		@Override
		public void released(Release release) {
			InventoryTests.this.decisions.add(release);
		}

	});

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
		this.brokerDown = false;
		this.store.refuseSet = true;

		assertThatIllegalStateException().isThrownBy(() -> this.inventory.setStock(MUG, 1));
		assertThat(this.announced).isEmpty();
	}

	@Test
	void keepsAStockChangeThatCannotBeAnnouncedRightAway() {
		this.brokerDown = true;

		assertThat(this.inventory.restock(MUG, 3).onHand()).isEqualTo(3);
		assertThat(this.inventory.level(MUG)).get().extracting(StockLevel::onHand).isEqualTo(3L);
	}

	@Test
	void reportsADecisionOnceEvenWhenItsAnnouncementFails() {
		StockLevel level = new StockLevel(MUG, 5, 2, 3);
		this.store.outcome = new ReservationOutcome.Confirmed("o-1", "c-1", Map.of(MUG, 2), List.of(level), false);
		this.brokerDown = true;

		org.assertj.core.api.Assertions.assertThatThrownBy(() -> this.inventory.reserve(request("o-1", "MUG", 2)))
			.isInstanceOf(IllegalStateException.class);
		this.brokerDown = false;
		this.store.outcome = new ReservationOutcome.Confirmed("o-1", "c-1", Map.of(MUG, 2), List.of(level), true);
		this.inventory.reserve(request("o-1", "MUG", 2));

		assertThat(this.decisions).hasSize(1);
		assertThat(this.announced).containsExactly(level);
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
		this.store.release = Optional.of(new Release("o-1", Map.of(MUG, 2), List.of(after), false));
		assertThat(this.inventory.release("o-1")).isPresent();
		this.store.release = Optional.of(new Release("o-1", Map.of(MUG, 2), List.of(after), true));
		assertThat(this.inventory.release("o-1")).isPresent();

		assertThat(this.announced).as("announced again on the repeat").containsExactly(after, after);
		assertThat(this.decisions).as("released once").hasSize(1);
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
