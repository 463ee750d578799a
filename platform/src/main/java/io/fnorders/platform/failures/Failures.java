package io.fnorders.platform.failures;

import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import io.fnorders.errors.RetryLaterException;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import org.apache.kafka.common.errors.RetriableException;
import org.jspecify.annotations.Nullable;
import org.springframework.amqp.AmqpConnectException;
import org.springframework.amqp.AmqpIOException;
import org.springframework.amqp.AmqpTimeoutException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.data.redis.connection.PoolException;

/**
 * The one place that tells an outage from a bad request or record. A failure is <em>transient</em>
 * when something the function depends on could not do its part right now: Redis unreachable, too
 * slow, full, read-only or still loading; a broker that did not take a send; a socket to a
 * dependency refused, reset or timed out; or a {@link RetryLaterException} (an adapter's own word
 * for the same, such as an SMTP server that refused the message, or another delivery sending the
 * same e-mail). Other I/O failures are not: a body that cannot be decoded is the client's.
 * Anything else (unreadable JSON, an unknown event type, invalid data, a bug) is not: retrying
 * the same input cannot help.
 * <p>
 * HTTP answers a transient failure with 503 and {@code Retry-After}; a broker-triggered function
 * retries the same record until the outage is over, and dead-letters any other failure at once.
 */
public final class Failures {

	/**
	 * Redis error replies that mean "not now" rather than "wrong": out of memory under
	 * {@code noeviction}, a replica that refuses writes, a server loading its data, a script or
	 * failover in progress. Redis sends them as the reply's first word; inside a script's error
	 * they follow a dash.
	 */
	private static final List<String> REDIS_OUTAGE_REPLIES = List.of("OOM", "READONLY", "LOADING", "BUSY",
			"MASTERDOWN", "NOREPLICAS", "TRYAGAIN", "CLUSTERDOWN");

	private static final int MAX_CAUSES = 32;

	private Failures() {
	}

	/** Whether the failure is an outage of a dependency: the same input may succeed later. */
	public static boolean isTransient(Throwable failure) {
		return find(failure, Failures::isOutage).isPresent();
	}

	/** Whether the failure is the data store being unreachable, too slow or refusing writes. */
	public static boolean isDataStoreOutage(Throwable failure) {
		return find(failure, Failures::isDataStoreFailure).isPresent();
	}

	/**
	 * The first exception in the cause chain (the failure itself included) that matches, if any;
	 * cycles and very deep chains end the search.
	 */
	public static Optional<Throwable> find(Throwable failure, Predicate<Throwable> match) {
		Map<Throwable, Boolean> seen = new IdentityHashMap<>();
		Throwable current = failure;
		for (int depth = 0; current != null && depth < MAX_CAUSES && seen.put(current, true) == null; depth++) {
			if (match.test(current)) {
				return Optional.of(current);
			}
			current = current.getCause();
		}
		return Optional.empty();
	}

	/**
	 * The exception that says what went wrong: the first in the cause chain that is not one of the
	 * wrappers the function runtime, Spring Integration and spring-kafka put around what a
	 * function threw.
	 */
	public static Throwable meaningful(Throwable failure) {
		return find(failure, current -> !isWrapper(current)).orElse(failure);
	}

	/** The meaningful exception's message, or its type when it has none. */
	public static String describe(Throwable failure) {
		Throwable meaningful = meaningful(failure);
		String message = meaningful.getMessage();
		return (message != null && !message.isBlank()) ? message : meaningful.getClass().getSimpleName();
	}

	private static boolean isWrapper(Throwable failure) {
		return failure.getCause() != null && (failure instanceof org.springframework.messaging.MessagingException
				|| failure instanceof java.util.concurrent.CompletionException
				|| failure instanceof java.util.concurrent.ExecutionException
				|| failure instanceof java.lang.reflect.UndeclaredThrowableException
				|| failure instanceof java.lang.reflect.InvocationTargetException
				|| failure.getClass().getName().startsWith("org.springframework.kafka.listener.")
				|| failure.getClass().getName().startsWith("org.springframework.cloud.function."));
	}

	private static boolean isOutage(Throwable failure) {
		return failure instanceof RetryLaterException || isDataStoreFailure(failure)
				|| failure instanceof RetriableException || failure instanceof AmqpConnectException
				|| failure instanceof AmqpIOException || failure instanceof AmqpTimeoutException
				|| failure instanceof SocketException || failure instanceof SocketTimeoutException
				|| failure instanceof UnknownHostException || failure instanceof HttpTimeoutException;
	}

	/**
	 * Redis unreachable, too slow, or refusing for now. Lettuce's own exceptions count when they are
	 * the client's (a connection reset or closed while a command was out, which Spring Data calls a
	 * plain {@code RedisSystemException}); of the server's error replies only the outage ones do. No
	 * pooled connection free within the pool's max-wait is the data store being too slow for now.
	 */
	private static boolean isDataStoreFailure(Throwable failure) {
		if (failure instanceof RedisCommandExecutionException) {
			return isRedisOutageReply(failure.getMessage());
		}
		return failure instanceof DataAccessResourceFailureException || failure instanceof QueryTimeoutException
				|| failure instanceof TransientDataAccessResourceException || failure instanceof RedisException
				|| failure instanceof PoolException;
	}

	/** Whether a Redis error reply, possibly wrapped in a script's error, is one of the outage replies. */
	static boolean isRedisOutageReply(@Nullable String reply) {
		if (reply == null) {
			return false;
		}
		for (String code : REDIS_OUTAGE_REPLIES) {
			if (reply.startsWith(code + " ") || reply.contains("-" + code + " ")) {
				return true;
			}
		}
		return false;
	}

}
