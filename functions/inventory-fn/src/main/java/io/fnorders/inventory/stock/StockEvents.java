package io.fnorders.inventory.stock;

import java.util.List;

/** What inventory tells the rest of the system about stock. */
public interface StockEvents {

	/** Announces the levels as they are now; returns once the broker has them. */
	void changed(List<StockLevel> levels);

}
