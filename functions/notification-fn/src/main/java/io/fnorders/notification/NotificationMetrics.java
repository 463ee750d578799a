package io.fnorders.notification;

import io.fnorders.notification.notices.NoticeKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * {@code fnorders_notifications_total{type, outcome=sent|failed}}, every combination registered
 * at 0 from the start, so the first e-mail of a kind is an increase Prometheus sees.
 */
@Component
class NotificationMetrics {

	private final MeterRegistry registry;

	NotificationMetrics(MeterRegistry registry) {
		this.registry = registry;
		for (NoticeKind kind : NoticeKind.values()) {
			counter(kind, "sent");
			counter(kind, "failed");
		}
	}

	void sent(NoticeKind kind) {
		counter(kind, "sent").increment();
	}

	void failed(NoticeKind kind) {
		counter(kind, "failed").increment();
	}

	private Counter counter(NoticeKind kind, String outcome) {
		return Counter.builder("fnorders.notifications")
			.description("Order e-mails sent, or failed to send")
			.tag("type", kind.name().toLowerCase())
			.tag("outcome", outcome)
			.register(this.registry);
	}

}
