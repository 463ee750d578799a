package io.fnorders.inventory.stock;

import java.util.function.Supplier;

/**
 * Where the work for one request of a list is done: in that request's own context (its trace,
 * when the transport keeps one per record), so whatever is recorded for it is recorded as its.
 */
@FunctionalInterface
public interface RequestScope {

	/** No context of its own: the work is done as it is. */
	RequestScope NONE = new RequestScope() {

		@Override
		public <T> T within(int index, Supplier<T> work) {
			return work.get();
		}

	};

	/** Does {@code work} for request {@code index} (from 0) in its context. */
	<T> T within(int index, Supplier<T> work);

}
