package io.fnorders.platform.bench;

import java.util.Map;
import java.util.function.Function;

import io.fnorders.errors.NotFoundException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A function bean called straight from a {@code @RestController}: what the same call costs without
 * Spring Cloud Function's web adapter. The functions are the beans themselves, looked up once.
 */
@RestController
class BaselineHandler {

	private final Map<String, Function<String, ?>> functions;

	BaselineHandler(Map<String, Function<String, ?>> functions) {
		this.functions = Map.copyOf(functions);
	}

	@GetMapping(BaselineHandlerAutoConfiguration.PATH + "/{function}/{argument}")
	Object call(@PathVariable String function, @PathVariable String argument) {
		Function<String, ?> bean = this.functions.get(function);
		if (bean == null) {
			throw new NotFoundException("No function '" + function + "' to call");
		}
		return bean.apply(argument);
	}

}
