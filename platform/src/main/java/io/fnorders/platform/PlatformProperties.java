package io.fnorders.platform;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the shared function runtime ({@code fnorders.*}).
 *
 * @param http limits of the HTTP trigger
 * @param events how events are published
 * @param messaging how consumers report waiting out outages
 * @param outbox where a service queues the events that follow its writes, and how they are relayed
 */
@ConfigurationProperties("fnorders")
public record PlatformProperties(@DefaultValue Http http, @DefaultValue Events events,
		@DefaultValue Messaging messaging, @DefaultValue Outbox outbox) {

	/**
	 * @param maxBodySize the largest request body a function accepts; larger ones get 413
	 * @param eventStreams functions that answer with an endless stream: they are served only as
	 * Server-Sent Events ({@code Accept: text/event-stream}), anything else gets 406
	 * @param postIfPresent functions exposed on POST by whichever service has them (a binding file
	 * shared by all services names them; a service without the function ignores the name)
	 * @param retryAfter what {@code Retry-After} tells a client whose request found a dependency
	 * unavailable (503)
	 * @param operations the operator's tools the platform adds to a service (the dead-letter tools),
	 * exposed where the service has them; the stack's gateway never routes them
	 */
	public record Http(@DefaultValue("64KB") DataSize maxBodySize, @DefaultValue List<String> eventStreams,
			@DefaultValue List<String> postIfPresent, @DefaultValue("5s") Duration retryAfter,
			@DefaultValue Operations operations) {
	}

	/**
	 * @param get functions of the operator's tools answered on GET
	 * @param post functions of the operator's tools answered on POST
	 */
	public record Operations(@DefaultValue List<String> get, @DefaultValue List<String> post) {
	}

	/**
	 * @param attributePrefix the header prefix of CloudEvents attributes in binary mode
	 * ({@code ce_} for Kafka, as the CloudEvents Kafka binding specifies)
	 * @param kafkaAdminTimeout how long a Kafka send may wait for the cluster's metadata from the
	 * binder's admin client before it fails (and the send is tried again)
	 */
	public record Events(@DefaultValue("ce_") String attributePrefix,
			@DefaultValue("5s") Duration kafkaAdminTimeout) {
	}

	/**
	 * @param waitingLapsesAfter how long after its last failed attempt a consumer partition stops
	 * counting as waiting when no record of it got through since (its partition moved to another
	 * instance); longer than the longest back-off of a binding
	 */
	public record Messaging(@DefaultValue("2m") Duration waitingLapsesAfter) {
	}

	/**
	 * @param keyPrefix the prefix of the outbox's Redis keys ({@code <prefix>:<shard>} streams);
	 * a service that publishes events after its writes sets it, and without it there is no outbox
	 * @param shards how many streams the outbox is split into; the events of one subject (an
	 * order, a sku) always go to the same one, in order, and each is relayed by one instance at a
	 * time, so more shards spread the relaying over more instances
	 * @param batchSize the most entries read from the outbox at once
	 * @param pollTimeout how long a relay waits for new entries before it looks at its shares again
	 * @param leaseTime how long an instance holds a shard without renewing; after that (it died)
	 * another instance takes the shard and its unacknowledged entries over
	 * @param maxRetryInterval the longest wait between attempts to publish an entry the broker did
	 * not take; the wait starts at 200 ms and doubles
	 * @param metricsInterval how often the depth and age of the outbox are read for the metrics
	 * @param snapshots the event types each of which is a whole snapshot of its subject (such as
	 * {@code stock.changed}): of several entries about one subject in a batch of a shard, only the
	 * newest is published, and the older ones are removed with it; no type by default
	 */
	public record Outbox(@Nullable String keyPrefix, @DefaultValue("8") int shards, @DefaultValue("200") int batchSize,
			@DefaultValue("1s") Duration pollTimeout, @DefaultValue("15s") Duration leaseTime,
			@DefaultValue("5s") Duration maxRetryInterval, @DefaultValue("5s") Duration metricsInterval,
			@DefaultValue List<String> snapshots) {
	}

}
