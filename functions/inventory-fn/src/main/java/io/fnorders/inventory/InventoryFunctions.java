package io.fnorders.inventory;

import static net.logstash.logback.argument.StructuredArguments.kv;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import io.fnorders.errors.NotFoundException;
import io.fnorders.inventory.stock.Inventory;
import io.fnorders.inventory.stock.ReservationListener;
import io.fnorders.inventory.stock.StockLevel;
import io.fnorders.inventory.stock.StockStore;
import io.fnorders.platform.messaging.CloudEventReader;
import io.fnorders.platform.messaging.RecordBatches;
import io.fnorders.values.Sku;
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

	@Bean
	OrderEvents orderEvents(Inventory inventory, CloudEventReader reader) {
		return new OrderEvents(inventory, reader);
	}

	/**
	 * Takes {@code order.placed} and {@code order.cancelled}, one at a time: reserves a placed
	 * order's lines (all or none, once per order), which queues its {@code order.confirmed} or
	 * {@code order.rejected} in the outbox in the same step; releases what a cancelled order held
	 * (nothing for an order cancelled before it came). It answers nothing itself: the outbox relay
	 * publishes the outcome, so a crash between the decision and its announcement loses neither.
	 * Anything unreadable is invalid input, which the binding dead-letters at once; an outage
	 * (Redis, the broker) is retried until it is over. Bound by the transports that deliver one
	 * event at a time (RabbitMQ, HTTP).
	 */
	@Bean
	Consumer<Message<byte[]>> reserveStock(OrderEvents events) {
		return events::handle;
	}

	/**
	 * The same for a poll's events at once, as a Kafka binding in batch mode delivers them: each
	 * run of placed orders is one round trip to Redis, each record keeps its trace, and a record
	 * that fails is named, so the ones before it are committed and it alone is waited on or
	 * dead-lettered. Bound instead of reserveStock on Kafka (transport-kafka.yaml).
	 */
	@Bean
	Consumer<Message<List<byte[]>>> reserveStocks(OrderEvents events, RecordBatches batches) {
		return batch -> events.handleAll(batches.records(batch, "reserveStocks"));
	}

	private static StockLevel logged(String change, StockLevel level) {
		log.info("{}; stock.changed queued", change, kv("sku", level.sku().value()), kv("version", level.version()));
		return level;
	}

}
