package io.fnorders.product;

import java.util.NoSuchElementException;
import java.util.function.Function;
import java.util.function.Supplier;

import io.fnorders.product.catalog.ProductCatalog;
import io.fnorders.product.catalog.ProductEvents;
import io.fnorders.product.catalog.ProductRepository;
import io.fnorders.values.Sku;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The catalog's functions. Which transport triggers each one is configuration: see
 * {@code spring.cloud.function.http.*} in application.yaml and the files under bindings/.
 */
@Configuration(proxyBeanMethods = false)
class ProductFunctions {

	@Bean
	ProductCatalog productCatalog(ProductRepository products, ProductEvents events, CatalogProperties properties) {
		return new ProductCatalog(products, events, properties.maxListing());
	}

	/** Creates or replaces a product and publishes {@code product.upserted}. */
	@Bean
	Function<SaveProductRequest, ProductView> saveProduct(ProductCatalog catalog) {
		return request -> ProductView.of(catalog.save(request.toProduct()));
	}

	/** One product by sku. */
	@Bean
	Function<String, ProductView> product(ProductCatalog catalog) {
		return sku -> catalog.find(Sku.of(sku))
			.map(ProductView::of)
			.orElseThrow(() -> new NoSuchElementException("No product with sku '" + sku + "'"));
	}

	/** The catalog in sku order, bounded. */
	@Bean
	Supplier<ProductListing> products(ProductCatalog catalog) {
		return () -> ProductListing.of(catalog.list());
	}

}
