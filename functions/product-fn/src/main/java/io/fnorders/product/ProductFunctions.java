package io.fnorders.product;

import static net.logstash.logback.argument.StructuredArguments.kv;

import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import io.fnorders.errors.NotFoundException;
import io.fnorders.events.EventTypes;
import io.fnorders.events.StockChanged;
import io.fnorders.platform.messaging.CloudEventReader;
import io.fnorders.platform.messaging.ReceivedEvent;
import io.fnorders.product.catalog.Availabilities;
import io.fnorders.product.catalog.Availability;
import io.fnorders.product.catalog.Product;
import io.fnorders.product.catalog.ProductCatalog;
import io.fnorders.product.catalog.ProductLookup;
import io.fnorders.product.catalog.ProductRepository;
import io.fnorders.product.catalog.ProductSlice;
import io.fnorders.values.Sku;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * The catalog's functions. Which transport triggers each one is configuration: see
 * {@code spring.cloud.function.*} in application.yaml and the files under bindings/.
 */
@Configuration(proxyBeanMethods = false)
class ProductFunctions {

	private static final Logger log = LoggerFactory.getLogger(ProductFunctions.class);

	@Bean
	ProductCatalog productCatalog(ProductRepository products, CatalogProperties properties) {
		return new ProductCatalog(products, properties.maxListing());
	}

	/** Creates or replaces a product and announces it ({@code product.upserted}). */
	@Bean
	Function<SaveProductRequest, ProductView> saveProduct(ProductCatalog catalog, Availabilities availabilities) {
		return request -> {
			Product saved = catalog.save(request.toProduct());
			log.info("Product saved; product.upserted queued", kv("sku", saved.sku().value()));
			return ProductView.of(saved, availabilities.find(saved.sku()).orElse(null));
		};
	}

	/** One product by sku, with its availability. */
	@Bean
	Function<String, ProductView> product(ProductLookup lookup) {
		return sku -> lookup.find(Sku.of(sku))
			.map(found -> ProductView.of(found.product(), found.availability()))
			.orElseThrow(() -> new NotFoundException("No product with sku '" + sku + "'"));
	}

	/** The catalog in sku order, bounded, with availabilities. */
	@Bean
	Supplier<ProductListing> products(ProductCatalog catalog, Availabilities availabilities) {
		return () -> {
			ProductSlice slice = catalog.list();
			return ProductListing.of(slice,
					availabilities.findAll(slice.products().stream().map(Product::sku).toList()));
		};
	}

	/**
	 * Keeps the catalog's view of stock from inventory's {@code stock.changed} events; the
	 * highest version wins, so repeats and reordering do no harm.
	 */
	@Bean
	Consumer<Message<byte[]>> trackAvailability(Availabilities availabilities, CloudEventReader reader) {
		return message -> {
			ReceivedEvent<?> event = reader.read(message, EventTypes.STOCK_CHANGED);
			StockChanged changed = event.dataAs(EventTypes.STOCK_CHANGED);
			event.requireSubject("sku", changed.sku());
			boolean kept = availabilities.record(new Availability(Sku.of(changed.sku()), changed.available(),
					changed.version()));
			log.debug("Availability {}", kept ? "updated" : "unchanged (not newer)", kv("sku", changed.sku()),
					kv("version", changed.version()));
		};
	}

}
