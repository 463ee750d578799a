package io.fnorders.testsupport;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;

/**
 * Makes every function service a test starts in this JVM trust the {@link TestIssuer}, in place
 * of the platform's default issuer. It ranks just above the platform's defaults, so a test's own
 * properties still win; it does nothing for applications that are not function services.
 */
public class TestIssuerProperties implements EnvironmentPostProcessor {

	private static final String SOURCE = "fnordersTestIssuer";

	private static final String PLATFORM_DEFAULTS = "fnordersPlatformDefaults";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!ClassUtils.isPresent("io.fnorders.platform.security.FunctionSecurityConfiguration",
				application.getClassLoader()) || environment.getPropertySources().contains(SOURCE)) {
			return;
		}
		MapPropertySource source = new MapPropertySource(SOURCE,
				Map.of("spring.security.oauth2.resourceserver.jwt.issuer-uri", TestIssuer.get().uri()));
		if (environment.getPropertySources().contains(PLATFORM_DEFAULTS)) {
			environment.getPropertySources().addBefore(PLATFORM_DEFAULTS, source);
		}
		else {
			environment.getPropertySources().addLast(source);
		}
	}

}
