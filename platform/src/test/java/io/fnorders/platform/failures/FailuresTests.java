package io.fnorders.platform.failures;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.util.NoSuchElementException;

import io.fnorders.errors.InvalidInputException;
import io.fnorders.errors.RetryLaterException;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.RedisSystemException;
import org.springframework.data.redis.connection.PoolException;
import org.springframework.kafka.KafkaException;
import org.springframework.messaging.MessageHandlingException;
import org.springframework.messaging.support.GenericMessage;
import tools.jackson.core.exc.StreamReadException;

class FailuresTests {

	@Test
	void redisUnreachableSlowOrRefusingWritesIsAnOutage() {
		assertThat(Failures.isTransient(new RedisConnectionFailureException("Unable to connect"))).isTrue();
		assertThat(Failures.isTransient(new QueryTimeoutException("Redis command timed out"))).isTrue();
		assertThat(Failures.isTransient(redisReply("OOM command not allowed when used memory > 'maxmemory'."))).isTrue();
		assertThat(Failures.isTransient(redisReply("READONLY You can't write against a read only replica."))).isTrue();
		assertThat(Failures.isTransient(redisReply("LOADING Redis is loading the dataset in memory"))).isTrue();
		assertThat(Failures.isDataStoreOutage(redisReply("LOADING Redis is loading the dataset in memory"))).isTrue();
	}

	@Test
	void noPooledRedisConnectionFreeWithinTheWaitIsAnOutage() {
		PoolException exhausted = new PoolException("Could not get a resource from the pool",
				new NoSuchElementException("Timeout waiting for idle object, borrowMaxWaitDuration=PT2S"));
		assertThat(Failures.isTransient(exhausted)).isTrue();
		assertThat(Failures.isDataStoreOutage(exhausted)).isTrue();
	}

	@Test
	void aConnectionToRedisResetWhileACommandWasOutIsAnOutage() {
		assertThat(Failures.isTransient(new RedisSystemException("Redis exception", new RedisException(
				new IOException("recvAddress(..) failed with error(-104): Connection reset by peer"))))).isTrue();
		assertThat(Failures.isTransient(new RedisSystemException("Redis exception", new RedisException("Connection closed"))))
			.isTrue();
	}

	@Test
	void aRedisOutageReplyInsideAScriptErrorIsAnOutageToo() {
		assertThat(Failures.isTransient(redisReply("ERR Error running script (call to f_0a1b): @user_script:5: "
				+ "@user_script: 5: -OOM command not allowed when used memory > 'maxmemory'."))).isTrue();
	}

	@Test
	void aScriptThatFailsForItsOwnReasonIsNoOutage() {
		assertThat(Failures.isTransient(redisReply("ERR Error running script: reserve: 2 keys for 3 lines"))).isFalse();
		assertThat(Failures.isTransient(redisReply("WRONGTYPE Operation against a key holding the wrong kind of value")))
			.isFalse();
	}

	@Test
	void aBrokerThatDidNotTakeASendIsAnOutage() {
		assertThat(Failures.isTransient(new MessageHandlingException(new GenericMessage<>("x"),
				new KafkaException("Send failed", new TimeoutException("Expiring 1 record(s)"))))).isTrue();
		assertThat(Failures.isTransient(new IllegalStateException("wrapped", new ConnectException("refused")))).isTrue();
	}

	@Test
	void anAdapterSayingRetryLaterIsAnOutage() {
		assertThat(Failures.isTransient(new RetryLaterException("the mail server did not take the message"))).isTrue();
	}

	@Test
	void invalidDataAndBugsAreNoOutage() {
		assertThat(Failures.isTransient(new InvalidInputException("quantity must be at least 1"))).isFalse();
		assertThat(Failures.isTransient(new StreamReadException(null, "Unexpected character"))).isFalse();
		assertThat(Failures.isTransient(new NullPointerException())).isFalse();
		assertThat(Failures.isTransient(new IllegalStateException("no such state"))).isFalse();
	}

	@Test
	void describesTheFailureBehindTheRuntimesWrappers() {
		Exception wrapped = new MessageHandlingException(new GenericMessage<>("x"), "error occurred in message handler",
				new InvalidInputException("order o-1 has no lines"));

		assertThat(Failures.describe(wrapped)).isEqualTo("order o-1 has no lines");
		assertThat(Failures.meaningful(wrapped)).isInstanceOf(InvalidInputException.class);
	}

	@Test
	void aCauseChainWithACycleEndsTheSearch() {
		IllegalStateException first = new IllegalStateException("first");
		IllegalArgumentException second = new IllegalArgumentException("second", first);
		first.initCause(second);

		assertThat(Failures.isTransient(first)).isFalse();
	}

	private static RedisSystemException redisReply(String reply) {
		return new RedisSystemException("Error in execution", new RedisCommandExecutionException(reply));
	}

}
