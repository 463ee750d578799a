package io.fnorders.swarm;

import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

import com.jayway.jsonpath.JsonPath;
import org.awaitility.core.ConditionTimeoutException;

/** The functions' public HTTP API, through the stack's one entry point (the gateway). */
final class Shop {

	private final Http gateway;

	Shop(int gatewayPort) {
		this.gateway = new Http(gatewayPort);
	}

	HttpResponse<String> get(String path) {
		return this.gateway.get(path);
	}

	HttpResponse<String> post(String path, String json) {
		return this.gateway.post(path, json, Map.of());
	}

	HttpResponse<String> saveProduct(String sku, String price) {
		return post("/saveProduct",
				"{\"sku\":\"%s\",\"name\":\"Thing %s\",\"category\":\"kitchen\",\"price\":%s,\"currency\":\"EUR\"}"
					.formatted(sku, sku, price));
	}

	HttpResponse<String> setStock(String sku, int quantity) {
		return post("/setStock", "{\"sku\":\"%s\",\"quantity\":%d}".formatted(sku, quantity));
	}

	HttpResponse<String> addItem(String customer, String sku, int quantity) {
		return post("/addItem",
				"{\"customerId\":\"%s\",\"sku\":\"%s\",\"quantity\":%d}".formatted(customer, sku, quantity));
	}

	HttpResponse<String> checkout(String customer, String idempotencyKey) {
		return this.gateway.post("/checkout", "{\"customerId\":\"%s\"}".formatted(customer),
				Map.of("Idempotency-Key", idempotencyKey));
	}

	Stock stock(String sku) {
		String body = ok(get("/stock/" + path(sku)));
		return new Stock(JsonPath.read(body, "$.onHand"), JsonPath.read(body, "$.reserved"),
				JsonPath.read(body, "$.available"));
	}

	OrderView order(String orderId) {
		String body = ok(get("/order/" + path(orderId)));
		return new OrderView(orderId, JsonPath.read(body, "$.status"), quantitiesBySku(body));
	}

	/** The quantities per sku in the customer's cart. */
	Map<String, Integer> cart(String customer) {
		return quantitiesBySku(ok(get("/cart/" + path(customer))));
	}

	/** The quantities per sku of the {@code lines} of a cart or an order. */
	private static Map<String, Integer> quantitiesBySku(String body) {
		Map<String, Integer> quantities = new LinkedHashMap<>();
		for (Map<String, Object> line : JsonPath.<List<Map<String, Object>>>read(body, "$.lines")) {
			quantities.merge((String) line.get("sku"), ((Number) line.get("quantity")).intValue(), Integer::sum);
		}
		return quantities;
	}

	List<Notification> notifications(String customer) {
		String body = ok(get("/notifications/" + path(customer)));
		return JsonPath.<List<Map<String, Object>>>read(body, "$[*]")
			.stream()
			.map(n -> new Notification((String) n.get("orderId"), (String) n.get("type"),
					(String) n.get("recipient")))
			.toList();
	}

	/**
	 * Sends the request again while it answers 503, as a client is told to: the function changed
	 * nothing and its dependency (broker, catalog, Redis) is expected back shortly. Gives up after
	 * {@code atMost} with the last answer. Each 503 is shown to {@code onUnavailable} first.
	 */
	static HttpResponse<String> untilAvailable(Supplier<HttpResponse<String>> request, Duration atMost,
			Consumer<HttpResponse<String>> onUnavailable) {
		AtomicReference<HttpResponse<String>> last = new AtomicReference<>();
		try {
			await().atMost(atMost).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(500)).until(() -> {
				HttpResponse<String> response = request.get();
				last.set(response);
				if (response.statusCode() == 503) {
					onUnavailable.accept(response);
					return false;
				}
				return true;
			});
		}
		catch (ConditionTimeoutException ex) {
			// the last answer, a 503, is what the caller sees
		}
		return last.get();
	}

	static String ok(HttpResponse<String> response) {
		if (response.statusCode() != 200) {
			throw new AssertionError(response.request().method() + " " + response.request().uri() + " answered "
					+ response.statusCode() + ": " + response.body());
		}
		return response.body();
	}

	private static String path(String segment) {
		return URLEncoder.encode(segment, StandardCharsets.UTF_8);
	}

	record Stock(int onHand, int reserved, int available) {
	}

	record OrderView(String orderId, String status, Map<String, Integer> lines) {

		boolean isFinal() {
			return "CONFIRMED".equals(this.status) || "REJECTED".equals(this.status);
		}

	}

	record Notification(String orderId, String type, String recipient) {
	}

}
