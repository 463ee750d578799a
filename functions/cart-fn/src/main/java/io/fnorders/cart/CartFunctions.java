package io.fnorders.cart;

import static net.logstash.logback.argument.StructuredArguments.kv;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

import io.fnorders.cart.CartRequests.AddItem;
import io.fnorders.cart.CartRequests.CancelOrder;
import io.fnorders.cart.CartRequests.Checkout;
import io.fnorders.cart.CartRequests.RemoveItem;
import io.fnorders.cart.CartViews.CartView;
import io.fnorders.cart.CartViews.OrderView;
import io.fnorders.cart.shopping.CartStore;
import io.fnorders.cart.shopping.Catalog;
import io.fnorders.cart.shopping.CatalogItem;
import io.fnorders.cart.shopping.Order;
import io.fnorders.cart.shopping.OrderListener;
import io.fnorders.cart.shopping.OrderStatus;
import io.fnorders.cart.shopping.OrderStore;
import io.fnorders.cart.shopping.Shopping;
import io.fnorders.errors.ForbiddenException;
import io.fnorders.errors.InvalidInputException;
import io.fnorders.events.EventTypes;
import io.fnorders.events.OrderConfirmed;
import io.fnorders.events.OrderRejected;
import io.fnorders.events.ProductUpserted;
import io.fnorders.platform.messaging.CloudEventReader;
import io.fnorders.platform.messaging.ReceivedEvent;
import io.fnorders.platform.security.Caller;
import io.fnorders.values.Money;
import io.fnorders.values.Sku;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import tools.jackson.databind.json.JsonMapper;

/**
 * The cart's functions. Which transport triggers each one is configuration: see
 * {@code spring.cloud.function.*} in application.yaml and the files under bindings/.
 */
@Configuration(proxyBeanMethods = false)
class CartFunctions {

	static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	private static final Logger log = LoggerFactory.getLogger(CartFunctions.class);

	@Bean
	Shopping shopping(Catalog catalog, CartStore carts, OrderStore orders, OrderListener listener, Clock clock,
			CartProperties properties) {
		return new Shopping(catalog, carts, orders, listener, () -> UUID.randomUUID().toString(), clock,
				properties.cancelWindow());
	}

	/** Puts units of a product into a cart, at the catalog's name and price; returns the cart. */
	@Bean
	Function<AddItem, CartView> addItem(Shopping shopping) {
		return request -> CartView.of(shopping.addItem(request.customerId(), Sku.of(request.sku()), request.units()));
	}

	/** Lowers or removes a line; returns the cart. */
	@Bean
	Function<RemoveItem, CartView> removeItem(Shopping shopping) {
		return request -> CartView.of(shopping.removeItem(request.customerId(), Sku.of(request.sku()), request.units()));
	}

	/** A customer's cart. */
	@Bean
	Function<String, CartView> cart(Shopping shopping) {
		return customerId -> CartView.of(shopping.cart(customerId));
	}

	/**
	 * Turns the cart into an order, once per {@code Idempotency-Key}; its e-mails go to the
	 * caller's address. The body is read here: for a {@code Message} input Spring Cloud Function
	 * passes a body it cannot convert on as it is.
	 */
	@Bean
	Function<Message<String>, OrderView> checkout(Shopping shopping, JsonMapper json) {
		return message -> {
			String key = header(message.getHeaders(), IDEMPOTENCY_KEY);
			if (key == null) {
				throw new InvalidInputException("the " + IDEMPOTENCY_KEY + " header is required");
			}
			Checkout request = json.readValue(message.getPayload(), Checkout.class);
			String email = caller(message).email();
			if (email == null) {
				throw new ForbiddenException("Your sign-in carries no e-mail address for the order's e-mails");
			}
			Order order = shopping.checkout(request.customerId(), email, key);
			log.info("Checked out; order {}", order.status(), kv("orderId", order.orderId()),
					kv("customerId", order.customerId()));
			return OrderView.of(order);
		};
	}

	/** One of the caller's orders and where it stands. */
	@Bean
	Function<Message<String>, OrderView> order(Shopping shopping) {
		return message -> OrderView.of(shopping.order(message.getPayload(), caller(message).customerId()));
	}

	/** Cancels one of the customer's placed or confirmed orders; inventory then releases its stock. */
	@Bean
	Function<CancelOrder, OrderView> cancelOrder(Shopping shopping) {
		return request -> {
			if (request.orderId() == null || request.orderId().isBlank()) {
				throw new InvalidInputException("orderId is required");
			}
			if (request.customerId() == null || request.customerId().isBlank()) {
				throw new InvalidInputException("customerId is required");
			}
			String reason = (request.reason() != null && !request.reason().isBlank()) ? request.reason().strip()
					: "cancelled by the customer";
			Order order = shopping.cancel(request.orderId(), request.customerId(), reason);
			log.info("Cancel asked; order {}", order.status(), kv("orderId", order.orderId()),
					kv("customerId", order.customerId()));
			return OrderView.of(order);
		};
	}

	/** Follows {@code order-status}: PLACED becomes CONFIRMED or REJECTED. */
	@Bean
	Consumer<Message<byte[]>> trackOrderStatus(Shopping shopping, CloudEventReader reader) {
		return message -> {
			ReceivedEvent<?> event = reader.read(message, EventTypes.ORDER_CONFIRMED, EventTypes.ORDER_REJECTED);
			boolean changed;
			if (event.is(EventTypes.ORDER_CONFIRMED)) {
				OrderConfirmed confirmed = event.dataAs(EventTypes.ORDER_CONFIRMED);
				changed = shopping.statusDecided(confirmed.orderId(), OrderStatus.CONFIRMED, null);
			}
			else {
				OrderRejected rejected = event.dataAs(EventTypes.ORDER_REJECTED);
				changed = shopping.statusDecided(rejected.orderId(), OrderStatus.REJECTED, rejected.reason());
			}
			log.info("Order status {}: {}", changed ? "applied" : "ignored", event.type().name(),
					kv("orderId", event.subject()));
		};
	}

	/**
	 * Follows {@code products}: keeps the name and price of each product as product-fn last saved
	 * it, which {@code addItem} puts into carts. Events of one sku come in the order they were
	 * saved (the topic is keyed by sku).
	 */
	@Bean
	Consumer<Message<byte[]>> trackProducts(RedisCatalog catalog, CloudEventReader reader) {
		return message -> {
			ReceivedEvent<?> event = reader.read(message, EventTypes.PRODUCT_UPSERTED);
			ProductUpserted product = event.dataAs(EventTypes.PRODUCT_UPSERTED);
			event.requireSubject("sku", product.sku());
			catalog.keep(new CatalogItem(Sku.of(product.sku()), product.name(),
					Money.of(product.price(), product.currency())));
			log.debug("Catalog entry kept", kv("sku", product.sku()));
		};
	}

	/** The signed-in caller, as the platform put them in the headers (customer functions have one). */
	private static Caller caller(Message<?> message) {
		return Caller.of(message.getHeaders())
			.orElseThrow(() -> new ForbiddenException("This function acts for a signed-in customer"));
	}

	private static @Nullable String header(Map<String, Object> headers, String name) {
		for (Map.Entry<String, Object> header : headers.entrySet()) {
			if (header.getKey().equalsIgnoreCase(name) && header.getValue() != null) {
				return header.getValue().toString();
			}
		}
		return null;
	}

}
