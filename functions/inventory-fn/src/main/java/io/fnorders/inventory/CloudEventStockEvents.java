package io.fnorders.inventory;

import java.util.List;

import io.fnorders.events.EventTypes;
import io.fnorders.events.StockChanged;
import io.fnorders.inventory.stock.StockEvents;
import io.fnorders.inventory.stock.StockLevel;
import io.fnorders.platform.messaging.CloudEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Publishes {@code stock.changed} on the {@code stockEvents} binding, one event per sku. The event
 * id is {@code <sku>@<version>}: the same snapshot always has the same id.
 */
@Component
class CloudEventStockEvents implements StockEvents {

	static final String BINDING = "stockEvents";

	private final CloudEventPublisher publisher;

	CloudEventStockEvents(CloudEventPublisher publisher) {
		this.publisher = publisher;
	}

	@Override
	public void changed(List<StockLevel> levels) {
		for (StockLevel level : levels) {
			String sku = level.sku().value();
			this.publisher.publish(BINDING, EventTypes.STOCK_CHANGED, sku + "@" + level.version(), sku,
					new StockChanged(sku, level.onHand(), level.reserved(), level.available(), level.version()));
		}
	}

}
