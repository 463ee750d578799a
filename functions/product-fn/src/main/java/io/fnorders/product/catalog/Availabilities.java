package io.fnorders.product.catalog;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

import io.fnorders.values.Sku;

/**
 * The catalog's view of stock, fed by inventory's {@code stock.changed} events, so the catalog
 * answers even while inventory is down (with the last values it heard).
 */
public interface Availabilities {

	/**
	 * Keeps the report unless a report of the same or a higher version is kept already, so
	 * repeated and reordered events do no harm.
	 * @return whether it was kept
	 */
	boolean record(Availability availability);

	Optional<Availability> find(Sku sku);

	/** The known availabilities of these skus; skus inventory never reported are absent. */
	Map<Sku, Availability> findAll(Collection<Sku> skus);

}
