package io.fnorders.platform.bench;

import java.util.Map;
import java.util.function.Function;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

/**
 * {@code make bench}'s yardstick for the HTTP path, off unless {@value #PROPERTY} is true: each
 * {@code Function<String, ?>} bean of the service also behind a plain Spring MVC handler,
 * {@code GET /bench-baseline/<function>/<argument>}, in the same JVM, behind the same filters but
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

	@Bean
	@SuppressWarnings("unchecked")
	BaselineHandler baselineHandler(ListableBeanFactory beans) {
		Map<String, Function<String, ?>> functions = Map.class.cast(beans.getBeansOfType(Function.class));
		return new BaselineHandler(functions);
	}

}
