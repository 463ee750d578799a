package io.fnorders.platform.deadletters;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import io.fnorders.errors.InvalidInputException;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The dead-letter tools as functions of every service on Kafka: {@code GET /deadLetters/<topic>}
 * lists the dead letters of an event topic, {@code POST /replayDeadLetters} replays chosen ones
 * ({@code {"topic":"orders","records":["3:17"]}}) or all ({@code {"topic":"orders","all":true}}).
 * They are operator tools: exposed on each service ({@code fnorders.http.operations}), never
 * routed by the stack's gateway.
 */
@Configuration(proxyBeanMethods = false)
public class DeadLetterFunctions {

	/** The most dead letters one listing shows. */
	static final int LISTING_LIMIT = 1000;

	/** What {@code GET /deadLetters/<topic>} answers. */
	public record Listing(String topic, List<DeadLetter> deadLetters, boolean truncated) {
	}

	/** The body of {@code POST /replayDeadLetters}. */
	public record ReplayRequest(@Nullable String topic, @Nullable List<String> records, @Nullable Boolean all) {
	}

	/** What {@code POST /replayDeadLetters} answers: what it replayed. */
	public record Replay(String topic, int replayed, List<DeadLetter> deadLetters) {
	}

	@Bean
	Function<String, Listing> deadLetters(DeadLetters deadLetters) {
		return topic -> {
			List<DeadLetter> letters = deadLetters.list(topic, LISTING_LIMIT + 1);
			return new Listing(topic, letters.subList(0, Math.min(LISTING_LIMIT, letters.size())),
					letters.size() > LISTING_LIMIT);
		};
	}

	@Bean
	Function<ReplayRequest, Replay> replayDeadLetters(DeadLetters deadLetters) {
		return request -> {
			if (request.topic() == null || request.topic().isBlank()) {
				throw new InvalidInputException("topic is required");
			}
			boolean all = Boolean.TRUE.equals(request.all());
			List<String> records = (request.records() != null) ? request.records() : List.of();
			if (all == !records.isEmpty()) {
				throw new InvalidInputException("give either records (\"<partition>:<offset>\", ...) or \"all\": true");
			}
			Set<String> positions = new LinkedHashSet<>();
			for (String record : records) {
				if (record == null || !record.matches("\\d{1,9}:\\d{1,18}")) {
					throw new InvalidInputException("a record is named '<partition>:<offset>', such as 3:17");
				}
				positions.add(record);
			}
			List<DeadLetter> replayed = deadLetters.replay(request.topic(), positions);
			return new Replay(request.topic(), replayed.size(), replayed);
		};
	}

}
