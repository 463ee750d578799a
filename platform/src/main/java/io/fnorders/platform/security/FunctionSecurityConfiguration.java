package io.fnorders.platform.security;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.fnorders.platform.PlatformProperties;
import io.fnorders.platform.web.FunctionExposure;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.web.servlet.HandlerExceptionResolver;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every function service as an OAuth2 resource server. The token's issuer and keys are Spring
 * Boot's own settings ({@code spring.security.oauth2.resourceserver.jwt.*}: {@code issuer-uri},
 * and {@code jwk-set-uri} where the keys are fetched from another address than the issuer's);
 * the {@code roles} claim becomes the caller's roles. Which function needs which role is
 * {@link AccessProperties}. Stateless: no session, no cookie, so no CSRF token either.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableConfigurationProperties(AccessProperties.class)
public class FunctionSecurityConfiguration {

	@Bean
	SecurityFilterChain functionSecurity(HttpSecurity http, AccessProperties access, PlatformProperties platform,
			JsonMapper json, JwtDecoder decoder) throws Exception {
		SecurityProblems problems = new SecurityProblems(json, platform.http().retryAfter());
		List<String> admin = adminFunctions(access, platform);
		http.csrf(AbstractHttpConfigurer::disable)
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(AbstractHttpConfigurer::disable)
			.authorizeHttpRequests(requests -> {
				access.open().forEach(function -> requests.requestMatchers(paths(function)).permitAll());
				access.customer()
					.forEach(function -> requests.requestMatchers(paths(function))
						.hasAnyRole(access.customerRole(), access.adminRole()));
				admin.forEach(function -> requests.requestMatchers(paths(function)).hasRole(access.adminRole()));
				// Health, metrics and every path that names no function: the HTTP gate answers
				// those (404 for what is not exposed), and every exposed function has a rule above.
				requests.anyRequest().permitAll();
			})
			.oauth2ResourceServer(resourceServer -> resourceServer.jwt(jwt -> jwt.decoder(new IssuerOutages(decoder)))
				.authenticationEntryPoint(problems)
				.accessDeniedHandler(problems)
				.withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {

					@Override
					public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
						filter.setAuthenticationFailureHandler(problems);
						return filter;
					}

				}))
			.exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems));
		return http.build();
	}

	/** What Spring Security's firewall refuses, as a 400 problem (its default is a bare 400). */
	@Bean
	RequestRejectedHandler requestRejectedAsProblem(JsonMapper json, PlatformProperties platform) {
		return new SecurityProblems(json, platform.http().retryAfter());
	}

	/** A service does not start with an exposed function no access rule names. */
	@Bean
	SmartInitializingSingleton everyFunctionHasAnAccessRule(FunctionExposure exposure, AccessProperties access,
			PlatformProperties platform) {
		return () -> {
			Set<String> ruled = new LinkedHashSet<>(access.open());
			ruled.addAll(access.customer());
			ruled.addAll(adminFunctions(access, platform));
			List<String> unruled = exposure.functions().stream().filter(name -> !ruled.contains(name)).toList();
			if (!unruled.isEmpty()) {
				throw new IllegalStateException("fnorders.access.* says nothing about who may call " + unruled
						+ ": name each in open, customer or admin");
			}
		};
	}

	@Bean
	FilterRegistrationBean<CustomerScopeFilter> customerScopeFilter(AccessProperties access, JsonMapper json,
			@Qualifier("handlerExceptionResolver") HandlerExceptionResolver exceptionResolver) {
		FilterRegistrationBean<CustomerScopeFilter> registration = new FilterRegistrationBean<>(
				new CustomerScopeFilter(access, json, exceptionResolver));
		// after Spring Security and after the HTTP gate, which has read and checked the body
		registration.setOrder(Ordered.LOWEST_PRECEDENCE - 90);
		return registration;
	}

	/** The admin list, with the operator's tools and the event triggers of the HTTP binding. */
	private static List<String> adminFunctions(AccessProperties access, PlatformProperties platform) {
		List<String> admin = new ArrayList<>(access.admin());
		admin.addAll(platform.http().operations().get());
		admin.addAll(platform.http().operations().post());
		admin.addAll(platform.http().postIfPresent());
		return admin;
	}

	private static String[] paths(String function) {
		return new String[] { "/" + function, "/" + function + "/**" };
	}

}
