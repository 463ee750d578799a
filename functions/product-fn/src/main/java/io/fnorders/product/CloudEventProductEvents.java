package io.fnorders.product;

import static net.logstash.logback.argument.StructuredArguments.kv;

import io.fnorders.events.EventTypes;
import io.fnorders.events.ProductUpserted;
import io.fnorders.platform.messaging.CloudEventPublisher;
import io.fnorders.product.catalog.Product;
import io.fnorders.product.catalog.ProductEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Publishes catalog events as CloudEvents on the {@code productEvents} binding. */
@Component
class CloudEventProductEvents implements ProductEvents {

	static final String BINDING = "productEvents";

	private static final Logger log = LoggerFactory.getLogger(CloudEventProductEvents.class);

	private final CloudEventPublisher publisher;

	CloudEventProductEvents(CloudEventPublisher publisher) {
		this.publisher = publisher;
	}

	@Override
	public void upserted(Product product) {
		ProductUpserted event = new ProductUpserted(product.sku().value(), product.name(), product.description(),
				product.category(), product.price().amount(), product.price().currencyCode());
		String id = this.publisher.publish(BINDING, EventTypes.PRODUCT_UPSERTED, product.sku().value(), event);
		log.info("Published {}", EventTypes.PRODUCT_UPSERTED.name(), kv("sku", product.sku().value()),
				kv("eventId", id));
	}

}
