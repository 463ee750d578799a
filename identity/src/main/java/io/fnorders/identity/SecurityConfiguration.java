package io.fnorders.identity;

import static org.springframework.security.config.Customizer.withDefaults;

import java.util.Locale;

import io.fnorders.identity.accounts.Role;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * Three filter chains: the admin check the gateway asks before an operations tool (an admin's
 * session here or an admin's bearer token; never a redirect, never a session made); the OAuth 2.1 and OpenID Connect endpoints (authorize, token, JWK set,
 * discovery, user info), which send a browser without a session to the login page; and the
 * pages (login, sign-up, the signed-in page) with form login. Health and metrics are open: in
 * the stack only the backend network reaches them.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	@Order(0)
	SecurityFilterChain adminCheck(HttpSecurity http) throws Exception {
		JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
		roles.setAuthoritiesClaimName(TokenClaims.ROLES);
		roles.setAuthorityPrefix("ROLE_");
		JwtAuthenticationConverter tokens = new JwtAuthenticationConverter();
		tokens.setJwtGrantedAuthoritiesConverter(jwt -> roles.convert(jwt)
			.stream()
			.map(authority -> (GrantedAuthority) new SimpleGrantedAuthority(authority.getAuthority().toUpperCase(Locale.ROOT)))
			.toList());
		http.securityMatcher(AdminCheckController.PATH)
			.authorizeHttpRequests(requests -> requests.anyRequest().hasRole(Role.ADMIN.name()))
			.oauth2ResourceServer(resourceServer -> resourceServer.jwt(jwt -> jwt.jwtAuthenticationConverter(tokens)))
			.sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.NEVER))
			.requestCache(cache -> cache.disable())
			.csrf(csrf -> csrf.disable());
		return http.build();
	}

	@Bean
	@Order(1)
	SecurityFilterChain protocolEndpoints(HttpSecurity http) throws Exception {
		OAuth2AuthorizationServerConfigurer server = new OAuth2AuthorizationServerConfigurer();
		http.securityMatcher(server.getEndpointsMatcher())
			.with(server, configurer -> configurer.oidc(withDefaults()))
			.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
			.oauth2ResourceServer(resourceServer -> resourceServer.jwt(withDefaults()))
			.exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
					new LoginUrlAuthenticationEntryPoint("/login"), new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain pages(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests(requests -> requests
			.requestMatchers("/login", "/signup", "/identity.css", "/error", "/actuator/health", "/actuator/health/**",
					"/actuator/prometheus")
			.permitAll()
			.anyRequest()
			.authenticated())
			// without a sign-in to carry on with, the page that says who is signed in
			.formLogin(login -> login.loginPage("/login").defaultSuccessUrl("/account").permitAll())
			.logout(logout -> logout.logoutSuccessUrl("/login?signed-out"));
		return http.build();
	}

}
