package io.fnorders.cart;

import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.util.Optional;

import io.fnorders.cart.shopping.Catalog;
import io.fnorders.cart.shopping.CatalogItem;
import io.fnorders.platform.messaging.UnavailableException;
import io.fnorders.values.Money;
import io.fnorders.values.Sku;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Asks product-fn ({@code GET /product/{sku}}) for a product's name and price. A 404 means no
 * such product; no answer within the time-out means the catalog is unavailable (503).
 */
@Component
class HttpCatalog implements Catalog {

	private final RestClient client;

	HttpCatalog(RestClient.Builder builder, CartProperties properties) {
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
				HttpClient.newBuilder().connectTimeout(properties.catalogTimeout()).build());
		requests.setReadTimeout(properties.catalogTimeout());
		this.client = builder.baseUrl(properties.catalogUrl().toString()).requestFactory(requests).build();
	}

	/** What cart-fn reads of product-fn's answer; the price stays an exact decimal. */
	record CatalogProduct(String name, BigDecimal price, String currency) {
	}

	@Override
	public Optional<CatalogItem> find(Sku sku) {
		try {
			return this.client.get()
				.uri("/product/{sku}", sku.value())
				.accept(MediaType.APPLICATION_JSON)
				.exchange((request, response) -> {
					if (response.getStatusCode().value() == HttpStatus.NOT_FOUND.value()) {
						return Optional.empty();
					}
					if (!response.getStatusCode().is2xxSuccessful()) {
						throw new UnavailableException("The catalog cannot answer for " + sku + " right now (status "
								+ response.getStatusCode().value() + ")");
					}
					CatalogProduct product = response.bodyTo(CatalogProduct.class);
					if (product == null) {
						throw new UnavailableException("The catalog answered nothing for " + sku);
					}
					return Optional.of(new CatalogItem(sku, product.name(), Money.of(product.price(), product.currency())));
				});
		}
		catch (RestClientException ex) {
			throw new UnavailableException("The catalog cannot be reached right now", ex);
		}
	}

}
