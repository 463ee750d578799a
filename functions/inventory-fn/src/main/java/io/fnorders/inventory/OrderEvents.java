package io.fnorders.inventory;

import static net.logstash.logback.argument.StructuredArguments.kv;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import io.fnorders.events.EventTypes;
import io.fnorders.events.OrderCancelled;
import io.fnorders.events.OrderPlaced;
import io.fnorders.inventory.stock.Inventory;
import io.fnorders.inventory.stock.ReservationFailedException;
import io.fnorders.inventory.stock.ReservationOutcome;
import io.fnorders.inventory.stock.ReservationRequest;
import io.fnorders.inventory.stock.RequestScope;
import io.fnorders.platform.messaging.BatchedRecord;
import io.fnorders.platform.messaging.CloudEventReader;
import io.fnorders.platform.messaging.ReceivedEvent;
import io.fnorders.platform.messaging.RecordBatches;
import io.fnorders.platform.messaging.UnreadableEventException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;

/**
 * What inventory does with {@code order.placed} and {@code order.cancelled}, one event at a time
 * or a poll's events at a time. A placed order is reserved (all lines or none, once per order),
 * which queues its outcome in the outbox in the same step; a cancelled one releases what it held.
 * In a batch, each run of placed orders is one pipelined step of the store, and a cancellation
 * waits for the orders before it, so the events of one order keep their order.
 */
final class OrderEvents {

	private static final Logger log = LoggerFactory.getLogger(OrderEvents.class);

	private final Inventory inventory;

	private final CloudEventReader reader;

	OrderEvents(Inventory inventory, CloudEventReader reader) {
		this.inventory = inventory;
		this.reader = reader;
	}

	/** One event, as its transport delivered it. */
	void handle(Message<byte[]> message) {
		ReceivedEvent<?> event = read(message);
		if (event.is(EventTypes.ORDER_PLACED)) {
			logged(this.inventory.reserve(request(event)));
		}
		else {
			release(event);
		}
	}

	/**
	 * A poll's events in order.
	 * @throws RuntimeException from {@link RecordBatches#failedAt}, naming the first record not
	 * handled, after every record before it was
	 */
	void handleAll(List<BatchedRecord> records) {
		List<Placed> run = new ArrayList<>();
		for (BatchedRecord record : records) {
			ReceivedEvent<?> event;
			ReservationRequest request;
			try {
				event = record.inTrace(() -> read(record.message()));
				request = event.is(EventTypes.ORDER_PLACED) ? record.inTrace(() -> request(event)) : null;
			}
			catch (RuntimeException ex) {
				reserve(run);
				throw failed(record, ex);
			}
			if (request != null) {
				run.add(new Placed(record, request));
				continue;
			}
			reserve(run);
			try {
				record.inTrace(() -> release(event));
			}
			catch (RuntimeException ex) {
				throw failed(record, ex);
			}
			record.end(null);
		}
		reserve(run);
	}

	/** A placed order waiting in a run, with its record. */
	private record Placed(BatchedRecord record, ReservationRequest request) {
	}

	/** Reserves a run of placed orders in one step, logs each outcome in its record's trace, and empties the run. */
	private void reserve(List<Placed> run) {
		if (run.isEmpty()) {
			return;
		}
		RequestScope scope = new RequestScope() {

			@Override
			public <T> T within(int index, Supplier<T> work) {
				return run.get(index).record().inTrace(work);
			}

		};
		List<ReservationOutcome> outcomes;
		try {
			outcomes = this.inventory.reserveAll(run.stream().map(Placed::request).toList(), scope);
		}
		catch (ReservationFailedException ex) {
			ended(run.subList(0, ex.index()), ex.decided());
			Throwable cause = ex.getCause();
			run.subList(ex.index(), run.size()).forEach(placed -> placed.record().end(cause));
			BatchedRecord failed = run.get(ex.index()).record();
			run.clear();
			throw RecordBatches.failedAt(failed.index(), cause);
		}
		ended(run, outcomes);
		run.clear();
	}

	private static void ended(List<Placed> placed, List<ReservationOutcome> outcomes) {
		for (int index = 0; index < placed.size(); index++) {
			BatchedRecord record = placed.get(index).record();
			ReservationOutcome outcome = outcomes.get(index);
			record.inTrace(() -> logged(outcome));
			record.end(null);
		}
	}

	private static RuntimeException failed(BatchedRecord record, RuntimeException failure) {
		record.end(failure);
		return RecordBatches.failedAt(record.index(), failure);
	}

	private ReceivedEvent<?> read(Message<byte[]> message) {
		return this.reader.read(message, EventTypes.ORDER_PLACED, EventTypes.ORDER_CANCELLED);
	}

	private static ReservationOutcome logged(ReservationOutcome outcome) {
		log.info("Order {}", switch (outcome) {
			case ReservationOutcome.Confirmed confirmed -> "confirmed";
			case ReservationOutcome.Rejected rejected -> "rejected";
			case ReservationOutcome.Cancelled cancelled -> "cancelled before it came: nothing reserved";
		}, kv("orderId", outcome.orderId()), kv("customerId", outcome.customerId()), kv("repeated", outcome.repeated()));
		return outcome;
	}

	private void release(ReceivedEvent<?> event) {
		OrderCancelled cancelled = event.dataAs(EventTypes.ORDER_CANCELLED);
		event.requireSubject("order", cancelled.orderId());
		this.inventory.release(cancelled.orderId(), cancelled.customerId())
			.ifPresentOrElse(
					release -> log.info("Released the stock of a cancelled order", kv("orderId", release.orderId()),
							kv("repeated", release.repeated())),
					() -> log.info("Nothing to release for a cancelled order", kv("orderId", cancelled.orderId())));
	}

	private static ReservationRequest request(ReceivedEvent<?> event) {
		OrderPlaced placed = event.dataAs(EventTypes.ORDER_PLACED);
		event.requireSubject("order", placed.orderId());
		if (placed.lines() == null) {
			throw new UnreadableEventException("order.placed " + event.id() + " has no lines");
		}
		return ReservationRequest.of(placed.orderId(), placed.customerId(), placed.lines()
			.stream()
			.map(line -> new ReservationRequest.Line(line.sku(), line.quantity()))
			.toList()).answeredTo(placed.email());
	}

}
