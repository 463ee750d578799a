package io.fnorders.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import io.fnorders.errors.ConflictException;
import io.fnorders.errors.InvalidInputException;
import io.fnorders.errors.NotFoundException;
import io.fnorders.errors.RetryLaterException;
import io.lettuce.core.RedisCommandExecutionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.RedisSystemException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.ServletWebRequest;
import tools.jackson.databind.exc.MismatchedInputException;

class ProblemDetailsAdviceTests {

	private final ProblemDetailsAdvice advice = new ProblemDetailsAdvice(Duration.ofSeconds(5));

	private final ServletWebRequest request = new ServletWebRequest(new MockHttpServletRequest("POST", "/addItem"));

	@Test
	void redisUnreachableWhileAFunctionRunsIsServiceUnavailableWithRetryAfter() {
		ResponseEntity<Object> answer = this.advice.handleFunctionFailure(
				new IllegalStateException("function failed",
						new RedisConnectionFailureException("Unable to connect to redis:6379")),
				this.request);

		assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
		assertThat(detail(answer)).isEqualTo("The data store cannot take this request right now; retry shortly")
			.doesNotContain("redis");
	}

	@Test
	void redisNotAnsweringInTimeIsServiceUnavailable() {
		ResponseEntity<Object> answer = this.advice
			.handleFunctionFailure(new QueryTimeoutException("Redis command timed out"), this.request);

		assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
	}

	@Test
	void aFullRedisIsServiceUnavailableNotAnInternalError() {
		ResponseEntity<Object> answer = this.advice.handleFunctionFailure(new RedisSystemException("Error in execution",
				new RedisCommandExecutionException("OOM command not allowed when used memory > 'maxmemory'.")),
				this.request);

		assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
		assertThat(detail(answer)).doesNotContain("OOM", "maxmemory");
	}

	@Test
	void aDependencyThatSaysRetryLaterIsServiceUnavailableWithItsOwnWords() {
		ResponseEntity<Object> answer = this.advice
			.handleFunctionFailure(new RetryLaterException("The catalog cannot be reached right now"), this.request);

		assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(detail(answer)).isEqualTo("The catalog cannot be reached right now");
	}

	@Test
	void theDomainsRefusalsKeepTheirStatusAndMessage() {
		assertThat(this.advice.handleFunctionFailure(new InvalidInputException("quantity must be 1 to 999"), this.request))
			.satisfies(answer -> assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST))
			.satisfies(answer -> assertThat(detail(answer)).isEqualTo("quantity must be 1 to 999"));
		assertThat(this.advice.handleFunctionFailure(new NotFoundException("No order with id 'o-1'"), this.request)
			.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(this.advice.handleFunctionFailure(
				new RuntimeException("wrapped by the runtime", new ConflictException("the cart is empty")), this.request))
			.satisfies(answer -> assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.CONFLICT))
			.satisfies(answer -> assertThat(detail(answer)).isEqualTo("the cart is empty"));
	}

	@Test
	void aLibrarysIllegalStateIsAnInternalErrorThatEchoesNothing() {
		ResponseEntity<Object> answer = this.advice
			.handleFunctionFailure(new IllegalStateException("Connection pool shut down at 10.0.1.7"), this.request);

		assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
		assertThat(detail(answer)).doesNotContain("10.0.1.7", "pool");
	}

	@Test
	void aLibrarysIllegalArgumentIsABadRequestThatEchoesNothing() {
		ResponseEntity<Object> answer = this.advice
			.handleFunctionFailure(new IllegalArgumentException("Invalid UUID string: io.fnorders.Secret"), this.request);

		assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(detail(answer)).isEqualTo("The request is not valid");
	}

	@Test
	void jsonThatDoesNotFitNamesTheFieldButNoJavaType() {
		MismatchedInputException mismatch = MismatchedInputException.from(null, String.class,
				"Cannot deserialize value of type `java.lang.String` from Object value");
		mismatch.prependPath(new Object(), "customerId");

		ResponseEntity<Object> answer = this.advice.handleFunctionFailure(mismatch, this.request);

		assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(detail(answer)).isEqualTo("The JSON does not fit the function's input: 'customerId' has the wrong type or value")
			.doesNotContain("java.lang");
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
		assertThat(detail(answer)).doesNotContain("secret");
	}

	private static String detail(ResponseEntity<Object> answer) {
		return ((ProblemDetail) answer.getBody()).getDetail();
	}

}
