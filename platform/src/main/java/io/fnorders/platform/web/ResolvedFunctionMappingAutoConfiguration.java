package io.fnorders.platform.web;

import io.fnorders.platform.FunctionPlatformAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.cloud.function.web.mvc.FunctionController;
import org.springframework.cloud.function.web.mvc.FunctionHandlerMapping;
import org.springframework.context.annotation.Bean;

/**
 * Puts {@link ResolvedFunctionHandlerMapping} just before Spring Cloud Function's own mapping,
 * wherever that mapping is (HTTP on), unless functions are served below a prefix
 * ({@code spring.cloud.function.web.path}), which only upstream's mapping knows.
 */
@AutoConfiguration(afterName = "org.springframework.cloud.function.web.mvc.ReactorAutoConfiguration",
		after = FunctionPlatformAutoConfiguration.class)
@ConditionalOnBean({ FunctionHandlerMapping.class, FunctionExposure.class })
@ConditionalOnExpression("'${spring.cloud.function.web.path:}'.isEmpty()")
public class ResolvedFunctionMappingAutoConfiguration {

	@Bean
	ResolvedFunctionHandlerMapping resolvedFunctionHandlerMapping(FunctionCatalog catalog, FunctionExposure exposure,
			FunctionController controller, FunctionHandlerMapping upstream) {
		return new ResolvedFunctionHandlerMapping(catalog, exposure, controller, upstream.getOrder() - 1);
	}

}
