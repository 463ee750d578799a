package io.fnorders.platform.web;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import io.fnorders.platform.PlatformProperties;
import org.apache.catalina.core.StandardHost;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.cloud.function.web.FunctionHttpProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.handler.MappedInterceptor;
import tools.jackson.databind.json.JsonMapper;

/** The HTTP side of the runtime: which functions are exposed, the gate, and problem+json. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FunctionHttpProperties.class)
public class HttpGateConfiguration {

	/**
	 * The exposure table: {@code spring.cloud.function.http.*}, plus what this service has of the
	 * functions a binding file names in {@code fnorders.http.post-if-present} and of the
	 * operator's tools ({@code fnorders.http.operations}).
	 */
	@Bean
	FunctionExposure functionExposure(FunctionHttpProperties http, PlatformProperties properties,
			FunctionCatalog catalog) {
		List<String> post = new ArrayList<>(properties.http().postIfPresent());
		post.addAll(properties.http().operations().post());
		// the function adapter checks its own per-method lists too: they must name them as well
		http.setGet(withPresent(http.getGet(), properties.http().operations().get(), catalog));
		http.setPost(withPresent(http.getPost(), post, catalog));
		return FunctionExposure.of(http.getGet(), http.getPost(), http.getPut(), http.getDelete());
	}

	/** A per-method list with the names added that are functions of this service. */
	private static @Nullable String withPresent(@Nullable String definitions, List<String> names, FunctionCatalog catalog) {
		List<String> present = names.stream().filter(name -> catalog.lookup(name) != null).toList();
		if (present.isEmpty()) {
			return definitions;
		}
		return ((definitions != null && !definitions.isBlank()) ? definitions + ";" : "") + String.join(";", present);
	}

	/** Fails start-up when an exposed name is not a function of this service (a typo in config). */
	@Bean
	SmartInitializingSingleton exposedFunctionsExist(FunctionExposure exposure, FunctionCatalog catalog) {
		return () -> {
			List<String> unknown = exposure.functions().stream().filter(name -> catalog.lookup(name) == null).toList();
			if (!unknown.isEmpty()) {
				throw new IllegalStateException("spring.cloud.function.http.* names functions this service does not have: "
						+ unknown);
			}
		};
	}

	@Bean
	FilterRegistrationBean<FunctionExposureFilter> functionExposureFilter(FunctionExposure exposure,
			PlatformProperties properties, JsonMapper jsonMapper,
			@Qualifier("handlerExceptionResolver") HandlerExceptionResolver exceptionResolver,
			ObjectProvider<PathMappedEndpoints> actuatorEndpoints, ObjectProvider<GatePassage> passages) {
		Supplier<List<String>> openPaths = () -> {
			List<String> paths = new ArrayList<>();
			actuatorEndpoints.ifAvailable(endpoints -> paths.addAll(endpoints.getAllPaths()));
			passages.forEach(passage -> paths.add(passage.path()));
			return paths;
		};
		FunctionExposureFilter filter = new FunctionExposureFilter(exposure, openPaths,
				properties.http().eventStreams(), properties.http().maxBodySize(), jsonMapper, exceptionResolver);
		FilterRegistrationBean<FunctionExposureFilter> registration = new FilterRegistrationBean<>(filter);
		registration.setOrder(Ordered.LOWEST_PRECEDENCE - 100);
		return registration;
	}

	/** The container's error page answers problem+json too (Spring Boot's own then backs off). */
	@Bean
	ProblemErrorController problemErrorController() {
		return new ProblemErrorController();
	}

	/** Every handler mapping's interceptors include it, Spring Cloud Function's too. */
	@Bean
	MappedInterceptor functionArgumentDecoding() {
		return new MappedInterceptor(null, new FunctionArgumentDecoding());
	}

	@Bean
	ProblemDetailsAdvice problemDetailsAdvice(PlatformProperties properties) {
		return new ProblemDetailsAdvice(properties.http().retryAfter());
	}

	/** What Tomcat refuses itself is answered as problem+json too. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(TomcatServletWebServerFactory.class)
	static class TomcatErrors {

		@Bean
		WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
			return factory -> factory.addContextCustomizers(context -> {
				if (context.getParent() instanceof StandardHost host) {
					host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
				}
			});
		}

	}

}
