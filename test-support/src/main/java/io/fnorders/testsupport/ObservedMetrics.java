package io.fnorders.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The metric names the Swarm stack's alert rules ({@code stack/prometheus/alerts.yml}) and
 * Grafana dashboards ({@code dashboards/grafana}) read, taken from their PromQL. Tests compare
 * them with what a running function really exposes, so a renamed metric cannot silently empty a
 * panel or disable an alert.
 */
public final class ObservedMetrics {

	/** Label sets, range selectors and quoted strings: never metric names. */
	private static final Pattern NOT_NAMES = Pattern.compile("\\{[^}]*}|\\[[^]]*]|\"[^\"]*\"|'[^']*'");

	/** Label lists of aggregations and vector matching. */
	private static final Pattern LABEL_LISTS = Pattern
		.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");

	/**
	 * Identifiers that are not functions (no "(" after them) nor Grafana variables ($...). Names
	 * without an underscore ({@code up}, keywords) are Prometheus's own and left out.
	 */
	private static final Pattern NAMES = Pattern.compile("(?<![$\\w:])([a-zA-Z_:][\\w:]*_[\\w:]*)\\b(?!\\s*\\()");

	private ObservedMetrics() {
	}

	/** The directory holding {@code stack/} and {@code dashboards/}, found upwards from here. */
	public static Path projectRoot() {
		for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
			if (Files.isRegularFile(dir.resolve("stack/docker-stack.yml"))) {
				return dir;
			}
		}
		throw new IllegalStateException("no stack/docker-stack.yml above " + Path.of("").toAbsolutePath());
	}

	/** Metric names in the expressions of every rule of {@code stack/prometheus/alerts.yml}. */
	@SuppressWarnings("unchecked")
	public static Set<String> ofAlertRules() {
		Map<String, Object> rules = new Yaml().load(read(projectRoot().resolve("stack/prometheus/alerts.yml")));
		Set<String> names = new TreeSet<>();
		for (Map<String, Object> group : (List<Map<String, Object>>) rules.get("groups")) {
			for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
				names.addAll(inPromQl(String.valueOf(rule.get("expr"))));
			}
		}
		return names;
	}

	/** Metric names in every query (panel targets, template variables) of the Grafana dashboards. */
	public static Set<String> ofDashboards() {
		Set<String> names = new TreeSet<>();
		for (String query : dashboardQueries()) {
			names.addAll(inPromQl(query));
		}
		return names;
	}

	/** Every PromQL text of the dashboards under {@code dashboards/grafana}. */
	public static List<String> dashboardQueries() {
		JsonMapper json = JsonMapper.builder().build();
		List<String> queries = new ArrayList<>();
		try (Stream<Path> files = Files.list(projectRoot().resolve("dashboards/grafana"))) {
			for (Path file : files.filter(path -> path.toString().endsWith(".json")).sorted().toList()) {
				collectQueries(json.readTree(read(file)), queries);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return queries;
	}

	private static void collectQueries(JsonNode node, List<String> queries) {
		if (node.isObject()) {
			for (Map.Entry<String, JsonNode> field : node.properties()) {
				JsonNode value = field.getValue();
				boolean query = field.getKey().equals("expr")
						|| (field.getKey().equals("query") && node.path("type").asString("").equals("query"));
				if (query && value.isString()) {
					queries.add(value.asString());
				}
				else if (query && value.path("query").isString()) {
					queries.add(value.path("query").asString());
				}
				else {
					collectQueries(value, queries);
				}
			}
		}
		else if (node.isArray()) {
			node.forEach(element -> collectQueries(element, queries));
		}
	}

	/** The metric names one PromQL expression selects. */
	public static Set<String> inPromQl(String expression) {
		String bare = LABEL_LISTS.matcher(NOT_NAMES.matcher(expression).replaceAll(" ")).replaceAll(" ");
		Set<String> names = new TreeSet<>();
		Matcher matcher = NAMES.matcher(bare);
		while (matcher.find()) {
			names.add(matcher.group(1));
		}
		return names;
	}

	/** The names of {@code wanted} that no sample of a Prometheus text exposition carries. */
	public static Set<String> missingFrom(Set<String> wanted, String exposition) {
		Set<String> exposed = new TreeSet<>();
		for (String line : exposition.lines().toList()) {
			if (!line.isBlank() && !line.startsWith("#")) {
				exposed.add(line.split("[{ ]", 2)[0]);
			}
		}
		Set<String> missing = new TreeSet<>(wanted);
		missing.removeAll(exposed);
		return missing;
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
