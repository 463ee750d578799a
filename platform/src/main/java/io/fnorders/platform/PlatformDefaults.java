package io.fnorders.platform;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds the settings every function service shares (actuator exposure, metric tags, HTTP header
 * rules, Kafka binder observation) as the lowest-precedence property source, so a service's own
 * {@code application.yaml}, a binding file or an environment variable overrides any of them.
 */
class PlatformDefaults implements EnvironmentPostProcessor {

	static final String RESOURCE = "fnorders/platform-defaults.yaml";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		try {
			new YamlPropertySourceLoader().load("fnordersPlatformDefaults", new ClassPathResource(RESOURCE))
				.forEach(source -> environment.getPropertySources().addLast(source));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + RESOURCE, ex);
		}
	}

}
