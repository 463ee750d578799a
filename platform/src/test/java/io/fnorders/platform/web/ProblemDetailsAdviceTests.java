package io.fnorders.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.ServletWebRequest;

class ProblemDetailsAdviceTests {

	private final ProblemDetailsAdvice advice = new ProblemDetailsAdvice();

	private final ServletWebRequest request = new ServletWebRequest(new MockHttpServletRequest("POST", "/addItem"));

	@Test
	void redisUnreachableWhileAFunctionRunsIsServiceUnavailable() {
		ResponseEntity<Object> answer = this.advice.handleFunctionFailure(
				new IllegalStateException("function failed",
						new RedisConnectionFailureException("Unable to connect to redis:6379")),
				this.request);

		assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(((ProblemDetail) answer.getBody()).getDetail())
			.isEqualTo("The data store is not reachable right now; retry shortly")
			.doesNotContain("redis");
	}

	@Test
	void redisNotAnsweringInTimeIsServiceUnavailable() {
		ResponseEntity<Object> answer = this.advice
			.handleFunctionFailure(new QueryTimeoutException("Redis command timed out"), this.request);

		assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
	}

	@Test
	void aConcurrencyFailureIsNotMistakenForAnOutage() {
		ResponseEntity<Object> answer = this.advice
			.handleFunctionFailure(new PessimisticLockingFailureException("lock not acquired"), this.request);

		assertThat(answer.getStatusCode()).isNotEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
	}

	@Test
	void anUnexpectedFailureIsStillAnInternalErrorWithoutItsMessage() {
		ResponseEntity<Object> answer = this.advice
			.handleFunctionFailure(new UnsupportedOperationException("secret detail"), this.request);

		assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
		assertThat(((ProblemDetail) answer.getBody()).getDetail()).doesNotContain("secret");
	}

}
