package io.fnorders.platform.messaging;

import java.util.function.Supplier;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.jspecify.annotations.Nullable;
import org.springframework.messaging.Message;

/**
 * One record of a batch ({@link RecordBatches}): where it is in the batch, the message it is, and
 * the span of its handling, in which whatever is logged or queued for it is done. It is used by
 * the one thread that handles the batch.
 */
public final class BatchedRecord {

	private final int index;

	private final Supplier<Message<byte[]>> messageOf;

	private @Nullable Message<byte[]> message;

	private final Supplier<@Nullable Span> spanStart;

	private final @Nullable Tracer tracer;

	/** Started at the first work in its trace, so records a failure left unhandled start none. */
	private @Nullable Span span;

	BatchedRecord(int index, Supplier<Message<byte[]>> messageOf, Supplier<@Nullable Span> spanStart,
			@Nullable Tracer tracer) {
		this.index = index;
		this.messageOf = messageOf;
		this.spanStart = spanStart;
		this.tracer = tracer;
	}

	/** Its place in the batch, from 0: what {@link RecordBatches#failedAt} takes. */
	public int index() {
		return this.index;
	}

	public Message<byte[]> message() {
		Message<byte[]> made = this.message;
		if (made == null) {
			made = this.messageOf.get();
			this.message = made;
		}
		return made;
	}

	/** Does the work with the record's span current, so its log lines and outbox entries carry its trace. */
	public <T> T inTrace(Supplier<T> work) {
		if (this.tracer == null) {
			return work.get();
		}
		if (this.span == null) {
			this.span = this.spanStart.get();
		}
		try (Tracer.SpanInScope scope = this.tracer.withSpan(this.span)) {
			return work.get();
		}
	}

	/** The same, for work that answers nothing. */
	public void inTrace(Runnable work) {
		inTrace(() -> {
			work.run();
			return null;
		});
	}

	/** Ends the record's span, if it has started one, marked failed when {@code failure} is given. */
	public void end(@Nullable Throwable failure) {
		Span started = this.span;
		if (started == null) {
			return;
		}
		this.span = null;
		if (failure != null) {
			started.error(failure);
		}
		started.end();
	}

}
