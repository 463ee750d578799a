package io.fnorders.cart;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fnorders.cart.shopping.Catalog;
import io.fnorders.cart.shopping.CatalogItem;
import io.fnorders.values.Money;
import io.fnorders.values.Sku;
import org.springframework.data.redis.core.HashOperations;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Repository;

/**
 * The catalog as cart-fn keeps it: the name and price of every product, one hash per sku
 * ({@code <prefix>:catalog:<sku>}), kept from product-fn's {@code product.upserted} events
 * ({@code trackProducts}). Adding to a cart reads it here, so it needs product-fn neither up nor
 * asked. The view is as large as the catalog, which product-fn bounds
 * ({@code fnorders.catalog.max-products}); the {@code products} topic is compacted, so a new view
 * can always be built from its start.
 */
@Repository
class RedisCatalog implements Catalog {

	private static final String NAME = "name";

	private static final String PRICE = "price";

	private static final String CURRENCY = "currency";

	private final HashOperations<String, String, String> hashes;

	private final CartKeys keys;

	RedisCatalog(StringRedisTemplate redis, CartKeys keys) {
		this.hashes = redis.opsForHash();
		this.keys = keys;
	}

	@Override
	public Optional<CatalogItem> find(Sku sku) {
		List<String> fields = this.hashes.multiGet(this.keys.catalog(sku.value()), List.of(NAME, PRICE, CURRENCY));
		if (fields.get(0) == null || fields.get(1) == null || fields.get(2) == null) {
			return Optional.empty();
		}
		return Optional.of(new CatalogItem(sku, fields.get(0), Money.of(new BigDecimal(fields.get(1)), fields.get(2))));
	}

	/** Keeps what the catalog now says of a product, in place of what it said before. */
	void keep(CatalogItem item) {
		this.hashes.putAll(this.keys.catalog(item.sku().value()), Map.of(NAME, item.name(), PRICE,
				item.price().amount().toPlainString(), CURRENCY, item.price().currencyCode()));
	}

}
