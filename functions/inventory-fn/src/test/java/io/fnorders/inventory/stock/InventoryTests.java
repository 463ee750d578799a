package io.fnorders.inventory.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import io.fnorders.errors.ConflictException;
import io.fnorders.errors.InvalidInputException;
import io.fnorders.values.Sku;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class InventoryTests {

	private static final Sku MUG = Sku.of("MUG");

	private final ScriptedStore store = new ScriptedStore();

	private final List<Object> decisions = new ArrayList<>();

	private final Inventory inventory = new Inventory(this.store, new ReservationListener() {

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
	void setsAndAddsStock() {
		this.inventory.setStock(MUG, 5);

		assertThat(this.inventory.restock(MUG, 2).onHand()).isEqualTo(7);
	}

	@Test
	void refusesQuantitiesOutOfRange() {
		assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> this.inventory.setStock(MUG, -1))
			.withMessageContaining("quantity must be 0 to");
		assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> this.inventory.restock(MUG, 0))
			.withMessageContaining("quantity must be 1 to");
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> this.inventory.setStock(MUG, Inventory.MAX_UNITS + 1));
		assertThat(this.store.levels).isEmpty();
	}

	@Test
	void letsTheStoreRefuseStockBelowWhatIsReserved() {
		this.store.refuseSet = true;

		assertThatExceptionOfType(ConflictException.class).isThrownBy(() -> this.inventory.setStock(MUG, 1));
	}

	@Test
	void reportsADecisionOnceWhenItsEventIsRedelivered() {
		this.store.outcome = new ReservationOutcome.Confirmed("o-1", "c-1", Map.of(MUG, 2), false);
		this.inventory.reserve(request("o-1", "MUG", 2));
		this.store.outcome = new ReservationOutcome.Confirmed("o-1", "c-1", Map.of(MUG, 2), true);
		ReservationOutcome again = this.inventory.reserve(request("o-1", "MUG", 2));

		assertThat(again.repeated()).isTrue();
		assertThat(this.decisions).hasSize(1);
	}

	@Test
	void rejectsAnOrderWithMoreSkusThanAnOrderMayHaveInsteadOfRefusingToReadIt() {
		List<ReservationRequest.Line> lines = IntStream.range(0, ReservationRequest.MAX_SKUS + 1)
			.mapToObj(i -> new ReservationRequest.Line("S" + i, 1))
			.toList();

		ReservationOutcome outcome = this.inventory.reserve(ReservationRequest.of("o-big", "c-1", lines));

		assertThat(outcome).isInstanceOfSatisfying(ReservationOutcome.Rejected.class,
				rejected -> assertThat(rejected.reason()).isEqualTo("an order may have at most 100 skus, this one has 101"));
		assertThat(this.store.reserved).as("stock never asked").isEmpty();
		assertThat(this.decisions).hasSize(1);
	}

	@Test
	void rejectsAnOrderForMoreUnitsOfASkuThanOneOrderMayHold() {
		ReservationOutcome outcome = this.inventory.reserve(request("o-1", "MUG", ReservationRequest.MAX_QUANTITY + 1));

		assertThat(outcome).isInstanceOfSatisfying(ReservationOutcome.Rejected.class,
				rejected -> assertThat(rejected.reason()).contains("at most 10000 units", "10001 of MUG"));
	}

	@Test
	void reservesAListInRunsAroundTheOrdersItRejectsForTheirSizeAndKeepsTheirOrder() {
		List<ReservationRequest> requests = List.of(request("o-1", "MUG", 1), request("o-2", "MUG", 1),
				request("o-big", "MUG", ReservationRequest.MAX_QUANTITY + 1), request("o-3", "MUG", 1));
		List<Integer> scopes = new ArrayList<>();

		List<ReservationOutcome> outcomes = this.inventory.reserveAll(requests, new RequestScope() {

			@Override
			public <T> T within(int index, Supplier<T> work) {
				scopes.add(index);
				return work.get();
			}

		});

		assertThat(outcomes).extracting(ReservationOutcome::orderId).containsExactly("o-1", "o-2", "o-big", "o-3");
		assertThat(outcomes.get(2)).isInstanceOf(ReservationOutcome.Rejected.class);
		assertThat(this.store.runs).containsExactly(List.of("o-1", "o-2"), List.of("o-3"));
		assertThat(scopes).as("each request's work in its own scope, by its place in the whole list")
			.containsExactly(0, 1, 2, 3);
		assertThat(this.decisions).hasSize(4);
	}

	@Test
	void namesTheFirstUndecidedRequestOfAListAndCountsTheDecidedOnes() {
		List<ReservationRequest> requests = List.of(request("o-big", "MUG", ReservationRequest.MAX_QUANTITY + 1),
				request("o-1", "MUG", 1), request("o-2", "MUG", 1), request("o-3", "MUG", 1));
		this.store.failOn = "o-2";

		assertThatExceptionOfType(ReservationFailedException.class)
			.isThrownBy(() -> this.inventory.reserveAll(requests, RequestScope.NONE))
			.satisfies(failed -> {
				assertThat(failed.index()).isEqualTo(2);
				assertThat(failed.decided()).extracting(ReservationOutcome::orderId).containsExactly("o-big", "o-1");
				assertThat(failed.getCause()).isSameAs(this.store.failure);
			});
		assertThat(this.decisions).as("the two decided").hasSize(2);
	}

	@Test
	void countsNothingForAnOrderThatWasCancelledBeforeItCame() {
		this.store.outcome = new ReservationOutcome.Cancelled("o-1", "c-1", true);

		assertThat(this.inventory.reserve(request("o-1", "MUG", 1))).isInstanceOf(ReservationOutcome.Cancelled.class);
		assertThat(this.decisions).isEmpty();
	}

	@Test
	void reportsAReleaseOnceWhenItIsRepeated() {
		this.store.release = Optional.of(new Release("o-1", Map.of(MUG, 2), false));
		assertThat(this.inventory.release("o-1", "c-1")).isPresent();
		this.store.release = Optional.of(new Release("o-1", Map.of(MUG, 2), true));
		assertThat(this.inventory.release("o-1", "c-1")).isPresent();

		assertThat(this.decisions).as("released once").hasSize(1);
	}

	@Test
	void reportsNothingWhenThereIsNothingToRelease() {
		assertThat(this.inventory.release("unknown", "c-1")).isEmpty();
		assertThat(this.decisions).isEmpty();
	}

	private static ReservationRequest request(String orderId, String sku, int quantity) {
		return ReservationRequest.of(orderId, "c-1", List.of(new ReservationRequest.Line(sku, quantity)));
	}

	/** A store that answers what the test scripts; the real rules are tested against Redis. */
	static final class ScriptedStore implements StockStore {

		final Map<Sku, StockLevel> levels = new LinkedHashMap<>();

		final List<ReservationRequest> reserved = new ArrayList<>();

		boolean refuseSet;

		@Nullable ReservationOutcome outcome;

		Optional<Release> release = Optional.empty();

		@Override
		public StockLevel set(Sku sku, long onHand) {
			if (this.refuseSet) {
				throw new ConflictException("reserved");
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
			this.reserved.add(request);
			return (this.outcome != null) ? this.outcome
					: new ReservationOutcome.Confirmed(request.orderId(), request.customerId(), request.quantities(), false);
		}

		/** The order ids of each run asked for at once, and the scope index each was prepared in. */
		final List<List<String>> runs = new ArrayList<>();

		final List<Integer> scoped = new ArrayList<>();

		/** The order id whose script fails with {@link #failure}, leaving those before it decided. */
		@Nullable String failOn;

		RuntimeException failure = new IllegalStateException("Redis is full");

		@Override
		public List<ReservationOutcome> reserveAll(List<ReservationRequest> requests, RequestScope scope) {
			this.runs.add(requests.stream().map(ReservationRequest::orderId).toList());
			List<ReservationOutcome> outcomes = new ArrayList<>();
			for (int index = 0; index < requests.size(); index++) {
				ReservationRequest request = requests.get(index);
				int at = index;
				scope.within(index, () -> this.scoped.add(at));
				if (request.orderId().equals(this.failOn)) {
					throw new ReservationFailedException(index, this.failure, outcomes);
				}
				outcomes.add(reserve(request));
			}
			return outcomes;
		}

		@Override
		public ReservationOutcome reject(ReservationRequest request, String reason) {
			return new ReservationOutcome.Rejected(request.orderId(), request.customerId(), reason, List.of(), false);
		}

		@Override
		public Optional<Release> release(String orderId, String customerId) {
			return this.release;
		}

	}

}
