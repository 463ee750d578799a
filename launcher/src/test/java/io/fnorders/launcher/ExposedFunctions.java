package io.fnorders.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fnorders.testsupport.ObservedMetrics;
import org.yaml.snakeyaml.Yaml;

/**
 * The HTTP functions each service exposes, per method, as its {@code application.yaml} lists them
 * ({@code spring.cloud.function.http.GET} and so on): what the gateway must route and what a fuzz
 * of the HTTP API must reach.
 */
final class ExposedFunctions {

	private ExposedFunctions() {
	}

	/** Method (GET, POST, ...) to the names exposed on it, for one service. */
	@SuppressWarnings("unchecked")
	static Map<String, List<String>> of(String service) {
		Path yaml = ObservedMetrics.projectRoot()
			.resolve("functions")
			.resolve(service)
			.resolve("src/main/resources/application.yaml");
		Map<String, Object> root;
		try {
			root = new Yaml().load(Files.readString(yaml));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Map<String, Object> http = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) root
			.get("spring")).get("cloud")).get("function")).get("http");
		Map<String, List<String>> exposed = new LinkedHashMap<>();
		http.forEach((method, names) -> exposed.put(method, new ArrayList<>(List.of(((String) names).split(";")))));
		return exposed;
	}

}
