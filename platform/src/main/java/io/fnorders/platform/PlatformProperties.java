package io.fnorders.platform;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the shared function runtime ({@code fnorders.*}).
 *
 * @param http limits of the HTTP trigger
 * @param events how events are published
 * @param redis how the Redis client finds Redis
 * @param messaging how consumers report waiting out outages
 */
@ConfigurationProperties("fnorders")
public record PlatformProperties(@DefaultValue Http http, @DefaultValue Events events, @DefaultValue Redis redis,
		@DefaultValue Messaging messaging) {

	/**
	 * @param maxBodySize the largest request body a function accepts; larger ones get 413
	 * @param eventStreams functions that answer with an endless stream: they are served only as
	 * Server-Sent Events ({@code Accept: text/event-stream}), anything else gets 406
	 * @param postIfPresent functions exposed on POST by whichever service has them (a binding file
	 * shared by all services names them; a service without the function ignores the name)
	 * @param retryAfter what {@code Retry-After} tells a client whose request found a dependency
	 * unavailable (503)
	 */
	public record Http(@DefaultValue("64KB") DataSize maxBodySize, @DefaultValue List<String> eventStreams,
			@DefaultValue List<String> postIfPresent, @DefaultValue("5s") Duration retryAfter) {
	}

	/**
	 * @param attributePrefix the header prefix of CloudEvents attributes in binary mode
	 * ({@code ce_} for Kafka, as the CloudEvents Kafka binding specifies)
	 * @param kafkaAdminTimeout how long a Kafka send may wait for the cluster's metadata from the
	 * binder's admin client before it fails (and the request answers 503)
	 */
	public record Events(@DefaultValue("ce_") String attributePrefix,
			@DefaultValue("5s") Duration kafkaAdminTimeout) {
	}

	/**
	 * @param dnsCacheMaxTtl the longest time the Redis client trusts a DNS answer for the Redis
	 * host, whatever TTL the answer carries (Docker's DNS says 600 s)
	 */
	public record Redis(@DefaultValue("5s") Duration dnsCacheMaxTtl) {
	}

	/**
	 * @param waitingLapsesAfter how long after its last failed attempt a consumer partition stops
	 * counting as waiting when no record of it got through since (its partition moved to another
	 * instance); longer than the longest back-off of a binding
	 */
	public record Messaging(@DefaultValue("2m") Duration waitingLapsesAfter) {
	}

}
