package io.fnorders.inventory;

import static net.logstash.logback.argument.StructuredArguments.kv;

import java.util.function.Consumer;
import java.util.function.Function;

import io.fnorders.errors.NotFoundException;
import io.fnorders.events.EventTypes;
import io.fnorders.events.OrderCancelled;
import io.fnorders.events.OrderPlaced;
import io.fnorders.inventory.stock.Inventory;
import io.fnorders.inventory.stock.ReservationListener;
import io.fnorders.inventory.stock.ReservationOutcome;
import io.fnorders.inventory.stock.ReservationRequest;
import io.fnorders.inventory.stock.StockLevel;
import io.fnorders.inventory.stock.StockStore;
import io.fnorders.platform.messaging.CloudEventReader;
import io.fnorders.platform.messaging.ReceivedEvent;
import io.fnorders.platform.messaging.UnreadableEventException;
import io.fnorders.values.Sku;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * Inventory's functions. Which transport triggers each one is configuration: see
 * {@code spring.cloud.function.*} in application.yaml and the files under bindings/.
 */
@Configuration(proxyBeanMethods = false)
class InventoryFunctions {

	private static final Logger log = LoggerFactory.getLogger(InventoryFunctions.class);

	@Bean
	Inventory inventory(StockStore store, ReservationListener listener) {
		return new Inventory(store, listener);
	}

	/** Sets a sku's units on hand. */
	@Bean
	Function<StockRequest, StockView> setStock(Inventory inventory) {
		return request -> StockView.of(logged("Stock set", inventory.setStock(request.validSku(), request.units(0))));
	}

	/** Adds units on hand to a sku. */
	@Bean
	Function<StockRequest, StockView> restock(Inventory inventory) {
		return request -> StockView.of(logged("Restocked", inventory.restock(request.validSku(), request.units(1))));
	}

	/** A sku's stock: on hand, reserved, available. */
	@Bean
	Function<String, StockView> stock(Inventory inventory) {
		return sku -> inventory.level(Sku.of(sku))
			.map(StockView::of)
			.orElseThrow(() -> new NotFoundException("No stock for sku '" + sku + "'"));
	}

	/**
	 * Takes {@code order.placed} and {@code order.cancelled}: reserves a placed order's lines (all
	 * or none, once per order), which queues its {@code order.confirmed} or {@code order.rejected}
	 * in the outbox in the same step; releases what a cancelled order held (nothing for an order
	 * cancelled before it came). It answers nothing itself: the outbox relay publishes the
	 * outcome, so a crash between the decision and its announcement loses neither. Anything
	 * unreadable is invalid input, which the binding dead-letters at once; an outage (Redis, the
	 * broker) is retried until it is over.
	 */
	@Bean
	Consumer<Message<byte[]>> reserveStock(Inventory inventory, CloudEventReader reader) {
		return message -> {
			ReceivedEvent<?> event = reader.read(message, EventTypes.ORDER_PLACED, EventTypes.ORDER_CANCELLED);
			if (event.is(EventTypes.ORDER_PLACED)) {
				OrderPlaced placed = event.dataAs(EventTypes.ORDER_PLACED);
				ReservationOutcome outcome = inventory.reserve(request(event, placed).answeredTo(placed.email()));
				log.info("Order {}", switch (outcome) {
					case ReservationOutcome.Confirmed confirmed -> "confirmed";
					case ReservationOutcome.Rejected rejected -> "rejected";
					case ReservationOutcome.Cancelled cancelled -> "cancelled before it came: nothing reserved";
				}, kv("orderId", outcome.orderId()), kv("customerId", outcome.customerId()),
						kv("repeated", outcome.repeated()));
				return;
			}
			OrderCancelled cancelled = event.dataAs(EventTypes.ORDER_CANCELLED);
			requireSubject(event, cancelled.orderId());
			inventory.release(cancelled.orderId(), cancelled.customerId())
				.ifPresentOrElse(
						release -> log.info("Released the stock of a cancelled order", kv("orderId", release.orderId()),
								kv("repeated", release.repeated())),
						() -> log.info("Nothing to release for a cancelled order", kv("orderId", cancelled.orderId())));
		};
	}

	private static StockLevel logged(String change, StockLevel level) {
		log.info("{}; stock.changed queued", change, kv("sku", level.sku().value()), kv("version", level.version()));
		return level;
	}

	private static ReservationRequest request(ReceivedEvent<?> event, OrderPlaced placed) {
		requireSubject(event, placed.orderId());
		if (placed.lines() == null) {
			throw new UnreadableEventException("order.placed " + event.id() + " has no lines");
		}
		return ReservationRequest.of(placed.orderId(), placed.customerId(), placed.lines()
			.stream()
			.map(line -> new ReservationRequest.Line(line.sku(), line.quantity()))
			.toList());
	}

	private static void requireSubject(ReceivedEvent<?> event, @Nullable String orderId) {
		if (!event.subject().equals(orderId)) {
			throw new UnreadableEventException(event.type().name() + " " + event.id() + " is about order '" + orderId
					+ "' but its subject is '" + event.subject() + "'");
		}
	}

}
