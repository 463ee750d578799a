package io.fnorders.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.fnorders.testsupport.ObservedMetrics;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Swarm stack, checked without an engine: what it promises for each function service, that
 * every file it turns into a config exists, that its entry point routes each HTTP function to the
 * service that owns it, and that Grafana, Kibana, Logstash and Prometheus agree on names.
 * ({@code make stack-check} renders the file with {@code docker stack config} and runs promtool.)
 */
class StackFileTests {

	private static final List<String> FUNCTIONS = List.of("product-fn", "inventory-fn", "cart-fn", "notification-fn");

	private static final Path ROOT = ObservedMetrics.projectRoot();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Map<String, Object> stack = yaml(ROOT.resolve("stack/docker-stack.yml"));

	@Test
	void everyFunctionIsAScrapedServiceThatRollsStartFirstAndRollsBackOnFailure() {
		for (String function : FUNCTIONS) {
			Map<String, Object> service = map(services(), function);
			Map<String, Object> deploy = map(service, "deploy");

			assertThat((String) service.get("image")).as(function).endsWith("/" + function + ":${FNORDERS_VERSION:-latest}");
			assertThat((Integer) deploy.get("replicas")).as(function).isPositive();
			assertThat(map(deploy, "update_config")).as(function)
				.containsEntry("order", "start-first")
				.containsEntry("failure_action", "rollback");
			assertThat(map(deploy, "restart_policy")).as(function).containsEntry("condition", "any");
			assertThat(map(map(deploy, "resources"), "limits")).as(function).containsKeys("cpus", "memory");
			assertThat(map(deploy, "labels")).as(function)
				.containsEntry("prometheus.scrape", "true")
				.containsEntry("prometheus.port", "8080")
				.containsEntry("prometheus.path", "/actuator/prometheus");
			assertThat(list(service, "networks")).as(function).containsExactly("backend");
			assertThat(map(service, "environment")).as(function)
				.containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092")
				.containsEntry("SPRING_DATA_REDIS_HOST", "redis")
				.containsEntry("SPRING_CONFIG_IMPORT", "optional:configtree:/run/secrets/")
				// tokens of the identity service: iss the gateway's address, keys from the service's
				// container port (the image's SERVER_PORT) on the backend network
				.containsEntry("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUERURI", "${FNORDERS_PUBLIC_URL:-http://localhost:8080}")
				.containsEntry("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWKSETURI", "http://identity:8080/oauth2/jwks");
			assertThat(services()).as("the service the keys come from").containsKey("identity");
			assertThat(list(service, "secrets")).as(function)
				.contains(Map.of("source", "redis_password", "target", "spring.data.redis.password"));
		}
	}

	@Test
	void kafkaIsOneKraftNodeWithAValidClusterIdAndItsDataOnAVolume() {
		Map<String, Object> kafka = map(services(), "kafka");
		String clusterId = ((String) map(kafka, "environment").get("CLUSTER_ID")).replaceAll("^\\$\\{[A-Z_]+:-(.+)}$", "$1");

		// kafka-storage.sh format takes a UUID in Kafka's form: 16 bytes, URL-safe base64, no padding,
		// never starting with "-" (which a command line would take for an option)
		assertThat(Base64.getUrlDecoder().decode(clusterId)).hasSize(16);
		assertThat(clusterId).doesNotStartWith("-");
		assertThat(map(kafka, "environment")).containsEntry("KAFKA_PROCESS_ROLES", "broker,controller")
			.containsEntry("KAFKA_ADVERTISED_LISTENERS", "PLAINTEXT://kafka:9092");
		assertThat(list(kafka, "volumes")).contains("kafka-data:/var/lib/kafka/data");
		assertThat(list(map(services(), "redis"), "volumes")).contains("redis-data:/data");
		assertThat(read(ROOT.resolve("stack/redis/redis.conf"))).contains("appendonly yes");
	}

	@Test
	void prometheusKeepsTheNetworkTheFunctionsAreOn() {
		String prometheus = read(ROOT.resolve("stack/prometheus/prometheus.yml"));
		Matcher keep = Pattern.compile("__meta_dockerswarm_network_name]\\s+regex: (\\S+)").matcher(prometheus);

		assertThat(keep.find()).isTrue();
		assertThat("fnorders_backend").matches(keep.group(1));
		assertThat(map(map(this.stack, "networks"), "backend")).containsEntry("driver", "overlay");
	}

	@Test
	void everyConfigIsAFileAndEverySecretIsOneMakeDeployCreates() {
		for (Map.Entry<String, Object> config : map(this.stack, "configs").entrySet()) {
			String file = (String) ((Map<?, ?>) config.getValue()).get("file");
			assertThat(ROOT.resolve("stack").resolve(file).normalize()).as(config.getKey()).isRegularFile();
		}
		Matcher declared = Pattern.compile("(?m)^STACK_SECRETS := (.+)$").matcher(read(ROOT.resolve("Makefile")));
		assertThat(declared.find()).isTrue();
		Set<String> created = new TreeSet<>();
		for (String secret : declared.group(1).strip().split("\\s+")) {
			created.add("fnorders_" + secret);
		}
		Set<String> used = new TreeSet<>();
		map(this.stack, "secrets").values().forEach(secret -> used.add((String) ((Map<?, ?>) secret).get("name")));
		assertThat(used).isEqualTo(created);
	}

	@Test
	void theEntryPointRoutesEveryHttpFunctionToItsServiceAndSignInToIdentityAndNothingElse() {
		Map<Pattern, String> routes = gatewayRoutes();
		for (String function : FUNCTIONS) {
			for (Map.Entry<String, List<String>> method : ExposedFunctions.of(function).entrySet()) {
				for (String name : method.getValue()) {
					String bare = "/" + name;
					String withArgument = bare + "/some-id";
					Optional<String> target = route(routes, bare).or(() -> route(routes, withArgument));
					assertThat(target).as("%s %s of %s", method.getKey(), name, function).contains(function);
				}
			}
		}
		// a customer's own cart and notifications, named by the token alone
		assertThat(route(routes, "/cart")).contains("cart-fn");
		assertThat(route(routes, "/notifications")).contains("notification-fn");
		assertThat(route(routes, "/notificationStream")).contains("notification-fn");
		for (String path : List.of("/login", "/signup", "/logout", "/account", "/oauth2/authorize", "/oauth2/token", "/oauth2/jwks",
				"/.well-known/openid-configuration", "/userinfo", "/connect/logout")) {
			assertThat(route(routes, path)).as(path).contains("identity");
		}
		for (String path : List.of("/", "/actuator/health", "/actuator/prometheus", "/reserveStock", "/notify",
				"/trackOrderStatus", "/functionRouter", "/order", "/cart/a/b", "/checkout/x", "/login/x",
				"/oauth2/other", "/.well-known/other")) {
			assertThat(route(routes, path)).as(path).isEmpty();
		}
	}

	@Test
	@SuppressWarnings("unchecked")
	void grafanaProvisionsEveryDashboardAgainstTheProvisionedDataSource() throws IOException {
		Set<String> mounted = new TreeSet<>();
		for (Object config : list(map(services(), "grafana"), "configs")) {
			mounted.add((String) ((Map<?, ?>) config).get("target"));
		}
		Map<String, Object> dataSource = (Map<String, Object>) list(yaml(ROOT.resolve("stack/grafana/datasources.yml")),
				"datasources")
			.get(0);
		Map<String, Object> provider = (Map<String, Object>) list(yaml(ROOT.resolve("stack/grafana/dashboards.yml")),
				"providers")
			.get(0);
		String dashboardDir = (String) map(provider, "options").get("path");

		try (Stream<Path> files = Files.list(ROOT.resolve("dashboards/grafana"))) {
			List<Path> dashboards = files.filter(file -> file.toString().endsWith(".json")).toList();
			assertThat(dashboards).isNotEmpty();
			for (Path dashboard : dashboards) {
				assertThat(mounted).contains(dashboardDir + "/" + dashboard.getFileName());
				JsonNode json = JSON.readTree(dashboard.toFile());
				assertThat(json.path("uid").asString()).as(dashboard.toString()).isNotBlank();
				assertThat(dataSourceUids(json)).as(dashboard.toString()).containsOnly((String) dataSource.get("uid"));
			}
		}
	}

	@Test
	void kibanaLooksAtTheIndicesLogstashWrites() {
		Matcher index = Pattern.compile("index => \"([^%\"]+)%\\{").matcher(read(ROOT.resolve("stack/elk/logstash.conf")));
		assertThat(index.find()).isTrue();
		List<JsonNode> dataViews = KibanaObjects.ofType("index-pattern");

		assertThat(dataViews).hasSize(1);
		assertThat(dataViews.get(0).path("attributes").path("title").asString()).isEqualTo(index.group(1) + "*");
		assertThat(dataViews.get(0).path("attributes").path("timeFieldName").asString()).isEqualTo("@timestamp");
		assertThat(KibanaObjects.ofType("search")).hasSizeGreaterThanOrEqualTo(2)
			.allSatisfy(search -> assertThat(search.path("references").toString()).contains(dataViews.get(0).path("id").asString()));
	}

	private Map<String, Object> services() {
		return map(this.stack, "services");
	}

	/** The gateway's map from request path to service, in the order nginx tries them. */
	private static Map<Pattern, String> gatewayRoutes() {
		Map<Pattern, String> routes = new LinkedHashMap<>();
		Matcher entry = Pattern.compile("(?m)^\\s*~(\\S+)\\s+([a-z-]+);").matcher(read(ROOT.resolve("stack/gateway/nginx.conf")));
		while (entry.find()) {
			routes.put(Pattern.compile(entry.group(1)), entry.group(2));
		}
		assertThat(routes).isNotEmpty();
		return routes;
	}

	private static Optional<String> route(Map<Pattern, String> routes, String path) {
		return routes.entrySet().stream().filter(route -> route.getKey().matcher(path).find()).map(Map.Entry::getValue).findFirst();
	}

	private static Set<String> dataSourceUids(JsonNode node) {
		Set<String> uids = new TreeSet<>();
		if (node.isObject()) {
			JsonNode dataSource = node.path("datasource");
			if (dataSource.isObject() && dataSource.path("type").asString("").equals("prometheus")) {
				uids.add(dataSource.path("uid").asString());
			}
			node.properties().forEach(field -> uids.addAll(dataSourceUids(field.getValue())));
		}
		else if (node.isArray()) {
			node.forEach(element -> uids.addAll(dataSourceUids(element)));
		}
		return uids;
	}

	private static Map<String, Object> yaml(Path file) {
		return new Yaml().load(read(file));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Map<String, Object> parent, String key) {
		assertThat(parent).as("has %s", key).containsKey(key);
		return (Map<String, Object>) parent.get(key);
	}

	@SuppressWarnings("unchecked")
	private static List<Object> list(Map<String, Object> parent, String key) {
		assertThat(parent).as("has %s", key).containsKey(key);
		return (List<Object>) parent.get(key);
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
