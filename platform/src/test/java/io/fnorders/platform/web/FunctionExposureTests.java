package io.fnorders.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.fnorders.platform.web.FunctionExposure.Method;
import io.fnorders.platform.web.FunctionExposure.Verdict;
import org.junit.jupiter.api.Test;

class FunctionExposureTests {

	private final FunctionExposure exposure = FunctionExposure.of("product; products", "saveProduct", null, "");

	@Test
	void allowsAFunctionOnTheMethodsItIsListedFor() {
		assertThat(this.exposure.check("GET", "product")).isEqualTo(Verdict.ALLOWED);
		assertThat(this.exposure.check("POST", "saveProduct")).isEqualTo(Verdict.ALLOWED);
	}

	@Test
	void refusesAListedFunctionOnAnotherMethod() {
		assertThat(this.exposure.check("POST", "products")).isEqualTo(Verdict.METHOD_NOT_ALLOWED);
		assertThat(this.exposure.check("PATCH", "saveProduct")).isEqualTo(Verdict.METHOD_NOT_ALLOWED);
		assertThat(this.exposure.methodsOf("saveProduct")).containsExactly(Method.POST);
	}

	@Test
	void knowsNothingOfUnlistedFunctions() {
		assertThat(this.exposure.check("POST", "functionRouter")).isEqualTo(Verdict.NOT_FOUND);
		assertThat(this.exposure.check("GET", "")).isEqualTo(Verdict.NOT_FOUND);
	}

	@Test
	void exposesNothingWhenNoMethodListsAFunction() {
		FunctionExposure closed = FunctionExposure.of(null, null, null, null);

		assertThat(closed.functions()).isEmpty();
		assertThat(closed.check("GET", "anything")).isEqualTo(Verdict.NOT_FOUND);
	}

}
