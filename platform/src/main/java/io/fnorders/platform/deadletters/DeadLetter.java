package io.fnorders.platform.deadletters;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One record of a dead-letter topic, as an operator sees it.
 *
 * @param partition where it is in the dead-letter topic
 * @param offset where it is in that partition; with the partition, how to replay it
 * @param key the record's key (the orderId or sku), if any
 * @param type its CloudEvents {@code type}, if it has one
 * @param eventId its CloudEvents {@code id}, if it has one
 * @param error what went wrong, as the consumer's exception said
 * @param errorType the exception's class
 * @param group the consumer group that dead-lettered it
 * @param originalTopic where it came from, and where a replay sends it
 * @param originalOffset its offset there
 * @param deadLetteredAt when it was dead-lettered (first seen in the dead-letter topic)
 * @param replays how often it had been replayed before it was dead-lettered this time
 */
public record DeadLetter(int partition, long offset, @Nullable String key, @Nullable String type,
		@Nullable String eventId, @Nullable String error, @Nullable String errorType, @Nullable String group,
		String originalTopic, long originalOffset, Instant deadLetteredAt, int replays) {

	/** How a record is named for a replay: {@code <partition>:<offset>}. */
	public String position() {
		return this.partition + ":" + this.offset;
	}

}
