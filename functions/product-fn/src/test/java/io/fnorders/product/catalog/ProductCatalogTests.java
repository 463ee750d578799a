package io.fnorders.product.catalog;

import static io.fnorders.product.catalog.ProductFixtures.mug;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.fnorders.product.catalog.ProductFixtures.InMemoryProducts;
import io.fnorders.values.Sku;
import org.junit.jupiter.api.Test;

class ProductCatalogTests {

	private final InMemoryProducts products = new InMemoryProducts();

	private final ProductCatalog catalog = new ProductCatalog(this.products, 2);

	@Test
	void storesAndAnnouncesASavedProduct() {
		this.catalog.save(mug("MUG-1"));

		assertThat(this.catalog.find(Sku.of("MUG-1"))).contains(mug("MUG-1"));
		assertThat(this.products.announced).containsExactly(mug("MUG-1"));
	}

	@Test
	void announcesAgainWhenTheSameProductIsSavedAgain() {
		this.catalog.save(mug("MUG-1"));
		this.catalog.save(mug("MUG-1"));

		assertThat(this.products.count()).isEqualTo(1);
		assertThat(this.products.announced).hasSize(2);
	}

	@Test
	void listsInSkuOrderWithinTheLimit() {
		this.catalog.save(mug("C"));
		this.catalog.save(mug("A"));
		this.catalog.save(mug("B"));

		ProductSlice slice = this.catalog.list();

		assertThat(slice.products()).extracting(Product::sku).containsExactly(Sku.of("A"), Sku.of("B"));
		assertThat(slice.total()).isEqualTo(3);
		assertThat(slice.truncated()).isTrue();
	}

	@Test
	void findsNothingForAnUnknownSku() {
		assertThat(this.catalog.find(Sku.of("NOPE"))).isEmpty();
	}

	@Test
	void refusesAListingLimitBelowOne() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ProductCatalog(this.products, 0));
	}

}
