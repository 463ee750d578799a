package io.fnorders.platform.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

import io.fnorders.platform.web.FunctionExposure;
import io.fnorders.platform.web.GatePassage;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

/**
 * {@code make bench}'s yardstick for the HTTP path, off unless {@value #PROPERTY} is true: each
 * {@code Function<String, ?>} bean of the service also behind a plain Spring MVC handler,
 * {@code GET /bench-baseline/<function>/<argument>} (of the functions exposed for GET), in the same
 * JVM, behind the same filters but
 * the function gate's. The bench times a function through Spring Cloud Function's adapter against
 * the same bean here. Never on in a deployment.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnProperty(BaselineHandlerAutoConfiguration.PROPERTY)
public class BaselineHandlerAutoConfiguration {

	/** Turns the baseline handler on. */
	public static final String PROPERTY = "fnorders.bench.baseline-handler";

	/** Where the baseline handler answers. */
	public static final String PATH = "/bench-baseline";

	/** The function gate lets the handler's calls through: it is no function path. */
	@Bean
	GatePassage baselineHandlerPassage() {
		return new GatePassage(PATH + "/**");
	}

	/** The functions exposed for GET, each a {@code Function<String, ?>}: what the handler may call. */
	@Bean
	@SuppressWarnings("unchecked")
	BaselineHandler baselineHandler(ListableBeanFactory beans, FunctionExposure exposure) {
		Map<String, Function<String, ?>> functions = new HashMap<>();
		beans.getBeansOfType(Function.class).forEach((name, function) -> {
			if (exposure.check("GET", name) == FunctionExposure.Verdict.ALLOWED) {
				functions.put(name, (Function<String, ?>) function);
			}
		});
		return new BaselineHandler(functions);
	}

}
