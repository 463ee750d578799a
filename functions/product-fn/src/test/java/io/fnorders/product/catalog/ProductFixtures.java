package io.fnorders.product.catalog;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

import io.fnorders.values.Money;
import io.fnorders.values.Sku;

/** Products and in-memory stand-ins for the catalog's ports. */
public final class ProductFixtures {

	private ProductFixtures() {
	}

	public static Product mug(String sku) {
		return new Product(Sku.of(sku), "Blue mug", "Stoneware, 350 ml", "kitchen",
				Money.of(new BigDecimal("12.50"), "EUR"));
	}

	/** Keeps products in a sorted map; what the store would queue in its outbox goes to {@link #announced}. */
	static final class InMemoryProducts implements ProductRepository {

		final TreeMap<Sku, Product> products = new TreeMap<>();

		final List<Product> announced = new ArrayList<>();

		@Override
		public void save(Product product) {
			this.products.put(product.sku(), product);
			this.announced.add(product);
		}

		@Override
		public Optional<Product> find(Sku sku) {
			return Optional.ofNullable(this.products.get(sku));
		}

		@Override
		public List<Product> first(int limit) {
			return this.products.values().stream().limit(limit).toList();
		}

		@Override
		public long count() {
			return this.products.size();
		}

	}

}
