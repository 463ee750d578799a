package io.fnorders.swarm;

import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

import com.jayway.jsonpath.JsonPath;
import org.awaitility.core.ConditionTimeoutException;

/** The functions' public HTTP API, through the stack's one entry point (the gateway). */
final class Shop {

	private final Http gateway;

	private final Tokens tokens;

	/** Who placed each order this shop checked out. */
	private final Map<String, String> owners = new ConcurrentHashMap<>();

	Shop() {
		this.gateway = Http.gateway();
		this.tokens = Tokens.of(Http.gatewayAddress().toString());
	}

	/** A GET by nobody in particular. */
	HttpResponse<String> get(String path) {
		return this.gateway.get(path);
	}

	/** A GET with this access token. */
	HttpResponse<String> get(String path, String token) {
		return this.gateway.get(path, Map.of("Authorization", "Bearer " + token));
	}

	/** A POST with this access token. */
	HttpResponse<String> post(String path, String json, String token) {
		return this.gateway.post(path, json, Map.of("Authorization", "Bearer " + token));
	}

	Tokens tokens() {
		return this.tokens;
	}

	HttpResponse<String> saveProduct(String sku, String price) {
		return post("/saveProduct",
				"{\"sku\":\"%s\",\"name\":\"Thing %s\",\"category\":\"kitchen\",\"price\":%s,\"currency\":\"EUR\"}"
					.formatted(sku, sku, price), this.tokens.admin());
	}

	HttpResponse<String> setStock(String sku, int quantity) {
		return post("/setStock", "{\"sku\":\"%s\",\"quantity\":%d}".formatted(sku, quantity), this.tokens.admin());
	}

	/**
	 * Adds to the cart, asking again for up to 30 s while the product is not found: cart-fn learns
	 * of a save from {@code products} a moment after it.
	 */
	HttpResponse<String> addItem(String customer, String sku, int quantity) {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (true) {
			HttpResponse<String> answer = post("/addItem",
					"{\"customerId\":\"%s\",\"sku\":\"%s\",\"quantity\":%d}".formatted(customer, sku, quantity),
					this.tokens.customer(customer));
			if (answer.statusCode() != 404 || System.nanoTime() - deadline > 0) {
				return answer;
			}
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
	}

	HttpResponse<String> checkout(String customer, String idempotencyKey) {
		HttpResponse<String> answer = this.gateway.post("/checkout", "{\"customerId\":\"%s\"}".formatted(customer),
				Map.of("Idempotency-Key", idempotencyKey, "Authorization", "Bearer " + this.tokens.customer(customer)));
		if (answer.statusCode() == 200) {
			this.owners.put(JsonPath.read(answer.body(), "$.orderId"), customer);
		}
		return answer;
	}

	Stock stock(String sku) {
		String body = ok(get("/stock/" + path(sku)));
		return new Stock(JsonPath.read(body, "$.onHand"), JsonPath.read(body, "$.reserved"),
				JsonPath.read(body, "$.available"));
	}

	OrderView order(String orderId) {
		String owner = this.owners.get(orderId);
		if (owner == null) {
			throw new IllegalArgumentException("order " + orderId + " was not placed through this shop");
		}
		String body = ok(get("/order/" + path(orderId), this.tokens.customer(owner)));
		return new OrderView(orderId, JsonPath.read(body, "$.status"), quantitiesBySku(body));
	}

	/** The quantities per sku in the customer's cart. */
	Map<String, Integer> cart(String customer) {
		return quantitiesBySku(ok(get("/cart/" + path(customer), this.tokens.customer(customer))));
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
		String body = ok(get("/notifications/" + path(customer), this.tokens.customer(customer)));
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
