package io.fnorders.platform.web;

import java.util.ArrayList;
import java.util.List;

import io.fnorders.platform.FunctionPlatformAutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.cloud.function.web.mvc.FunctionController;
import org.springframework.cloud.function.web.mvc.FunctionHandlerMapping;
import org.springframework.context.annotation.Bean;
import org.springframework.web.method.support.HandlerMethodReturnValueHandler;
import org.springframework.web.method.support.HandlerMethodReturnValueHandlerComposite;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

/**
 * Puts {@link ResolvedFunctionHandlerMapping} just before Spring Cloud Function's own mapping,
 * wherever that mapping is (HTTP on), unless functions are served below a prefix
 * ({@code spring.cloud.function.web.path}), which only upstream's mapping knows; and puts
 * {@link SynchronousResultHandler} first among Spring MVC's return value handlers, so a function's
 * result that is already there is written without a second, asynchronous dispatch.
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

	@Bean
	static BeanPostProcessor synchronousFunctionResults(ObjectProvider<FunctionController> controller) {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof RequestMappingHandlerAdapter adapter && adapter.getReturnValueHandlers() != null) {
					List<HandlerMethodReturnValueHandler> handlers = new ArrayList<>(adapter.getReturnValueHandlers());
					HandlerMethodReturnValueHandlerComposite delegates = new HandlerMethodReturnValueHandlerComposite()
						.addHandlers(handlers);
					handlers.addFirst(new SynchronousResultHandler(delegates, controller.getObject()));
					adapter.setReturnValueHandlers(handlers);
				}
				return bean;
			}

		};
	}

}
