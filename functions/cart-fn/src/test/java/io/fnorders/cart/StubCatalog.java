package io.fnorders.cart;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for product-fn's {@code GET /product/{sku}} on a free port: the products a test puts
 * in it answer 200 with their JSON, anything else 404.
 */
final class StubCatalog implements AutoCloseable {

	private final HttpServer server;

	private final Map<String, String> products = new ConcurrentHashMap<>();

	StubCatalog() {
		try {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.createContext("/product/", exchange -> {
			String sku = exchange.getRequestURI().getPath().substring("/product/".length());
			String body = this.products.get(sku);
			byte[] bytes = (body != null ? body : "{\"status\":404}").getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(body != null ? 200 : 404, bytes.length);
			exchange.getResponseBody().write(bytes);
			exchange.close();
		});
		this.server.start();
	}

	String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	StubCatalog product(String sku, String name, String price, String currency) {
		this.products.put(sku, """
				{"sku":"%s","name":"%s","description":"","category":"test","price":%s,"currency":"%s","availability":null}
				""".formatted(sku, name, price, currency));
		return this;
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
