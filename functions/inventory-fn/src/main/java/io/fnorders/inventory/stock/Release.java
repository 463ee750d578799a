package io.fnorders.inventory.stock;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import io.fnorders.values.Sku;

/**
 * The stock a cancelled order held, now released.
 *
 * @param orderId the order
 * @param lines units released per sku
 * @param repeated whether the order had been released before: nothing changed this time
 */
public record Release(String orderId, Map<Sku, Integer> lines, boolean repeated) {

	public Release {
		lines = Collections.unmodifiableMap(new LinkedHashMap<>(lines));
	}

}
