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
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.fnorders.events.Topics;
import io.fnorders.testsupport.ObservedMetrics;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourceType;
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
	void everyFunctionIsAServiceThatRollsStartFirstAndRollsBackOnFailure() {
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
			assertThat(list(service, "networks")).as(function).containsExactly("backend");
			assertThat(map(service, "environment")).as(function)
				.containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092")
				.containsEntry("SPRING_DATA_REDIS_HOST", "redis")
				.containsEntry("SPRING_CONFIG_IMPORT", "optional:configtree:/run/secrets/")
				// tokens of the identity service: iss the gateway's address, keys from the service's
				// container port (the image's SERVER_PORT) on the backend network
				.containsEntry("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUERURI", "${FNORDERS_PUBLIC_URL:-https://localhost:8443}")
				.containsEntry("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWKSETURI", "http://identity:8080/oauth2/jwks");
			assertThat(services()).as("the service the keys come from").containsKey("identity");
			// its own Redis user, whose password only it (and Redis) holds
			assertThat(map(service, "environment")).as(function).containsEntry("SPRING_DATA_REDIS_USERNAME", function);
			// and its own Kafka user: the service's name, with a password only it (and Kafka) holds
			assertThat(list(service, "secrets")).as(function).containsExactly(
					Map.of("source", "redis_password_" + function.replace('-', '_'), "target", "spring.data.redis.password"),
					Map.of("source", "kafka_password_" + function.replace('-', '_'), "target", "fnorders.kafka.password"));
			assertThat(map(service, "environment")).as(function)
				.containsEntry("SPRING_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT")
				.containsEntry("SPRING_KAFKA_PROPERTIES_SASL_MECHANISM", "SCRAM-SHA-512")
				.containsEntry("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG",
						"org.apache.kafka.common.security.scram.ScramLoginModule required "
								+ "username=\"$${spring.application.name}\" password=\"$${fnorders.kafka.password}\";");
		}
		// the broker holds every function's password, to make its user (stack/kafka/start-kafka.sh)
		KafkaAccess access = new KafkaAccess(ROOT.resolve("stack/kafka/acls"), ROOT.resolve("unused"));
		assertThat(access.principals()).containsExactlyInAnyOrderElementsOf(FUNCTIONS);
		assertThat(list(map(services(), "kafka"), "secrets")).containsAll(
				FUNCTIONS.stream().map(function -> "kafka_password_" + function.replace('-', '_')).toList());
	}

	@Test
	void theKafkaRulesNameEveryEventTopicWithOneWriterAndLetItsReadersWriteItsDeadLetters() {
		// the stack's broker creates every topic the rules name (stack/kafka/start-kafka.sh)
		KafkaAccess access = new KafkaAccess(ROOT.resolve("stack/kafka/acls"), ROOT.resolve("unused"));
		List<String> topics = Topics.ALL.stream().flatMap(topic -> Stream.of(topic, Topics.deadLetter(topic))).toList();

		assertThat(access.rules().stream()
			.filter(rule -> rule.resource() == ResourceType.TOPIC && !rule.name().equals("*"))
			.map(KafkaAccess.Rule::name)
			.distinct()).containsExactlyInAnyOrderElementsOf(topics);
		for (String topic : Topics.ALL) {
			assertThat(principals(access, AclOperation.WRITE, topic)).as(topic).hasSize(1);
			assertThat(principals(access, AclOperation.WRITE, Topics.deadLetter(topic))).as(Topics.deadLetter(topic))
				.isEqualTo(principals(access, AclOperation.READ, topic));
		}
	}

	@Test
	void theStacksBrokerCompactsTheTopicsThePlatformKeepsByKey() throws IOException {
		Matcher compacted = Pattern.compile("(?m)^compacted=\"([^\"]*)\"$")
			.matcher(Files.readString(ROOT.resolve("stack/kafka/start-kafka.sh")));

		assertThat(compacted.find()).as("start-kafka.sh names its compacted topics").isTrue();
		assertThat(compacted.group(1).split(" ")).containsExactlyInAnyOrderElementsOf(Topics.COMPACTED);
	}

	/**
	 * The rules are read twice, by the launcher (KafkaAccess) and by the stack's broker
	 * (start-kafka.sh's awk): in this one form both read them alike. Comments on lines of their
	 * own, one rule a line of four fields, operations and resource types in Kafka's words in
	 * lower case.
	 */
	@Test
	void theKafkaRulesAreInTheFormBothOfTheirReadersTake() throws IOException {
		List<String> rules = Files.readAllLines(ROOT.resolve("stack/kafka/acls"))
			.stream()
			.filter(line -> !line.isBlank() && !line.startsWith("#"))
			.toList();
		assertThat(rules).isNotEmpty()
			.allSatisfy(line -> assertThat(line).matches(
					"[a-z][a-z0-9-]*\\s+(read|write|describe|create|delete|alter)\\s+(topic|group)\\s+[A-Za-z0-9._*-]+"));
		assertThat(new KafkaAccess(ROOT.resolve("stack/kafka/acls"), ROOT.resolve("unused")).rules()).hasSameSizeAs(rules);
	}

	private static Set<String> principals(KafkaAccess access, AclOperation operation, String topic) {
		return access.rules().stream()
			.filter(rule -> rule.resource() == ResourceType.TOPIC && rule.name().equals(topic)
					&& rule.operation() == operation)
			.map(KafkaAccess.Rule::principal)
			.collect(Collectors.toCollection(TreeSet::new));
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
			// the operator's listener advertises the loopback: the grants run before Swarm's DNS knows the task
			.containsEntry("KAFKA_LISTENERS", "CLIENT://:9092,CONTROLLER://localhost:9093,OPERATOR://localhost:9094")
			.containsEntry("KAFKA_ADVERTISED_LISTENERS", "CLIENT://kafka:9092,OPERATOR://localhost:9094")
			.containsEntry("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP",
					"CONTROLLER:SASL_PLAINTEXT,CLIENT:SASL_PLAINTEXT,OPERATOR:SASL_PLAINTEXT")
			.containsEntry("KAFKA_AUTHORIZER_CLASS_NAME", "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
			.containsEntry("KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND", "false");
		assertThat(list(kafka, "volumes")).contains("kafka-data:/var/lib/kafka/data");
		assertThat(list(map(services(), "redis"), "volumes")).contains("redis-data:/data");
		assertThat(read(ROOT.resolve("stack/redis/redis.conf"))).contains("appendonly yes");
	}

	@Test
	void prometheusFindsEveryFunctionAndIdentityTaskThroughSwarmDnsWithoutTheDockerSocket() {
		Map<String, Object> prometheus = yaml(ROOT.resolve("stack/prometheus/prometheus.yml"));
		@SuppressWarnings("unchecked")
		Map<String, Object> job = (Map<String, Object>) list(prometheus, "scrape_configs").getFirst();
		@SuppressWarnings("unchecked")
		Map<String, Object> dns = (Map<String, Object>) list(job, "dns_sd_configs").getFirst();
		List<String> expected = Stream.concat(FUNCTIONS.stream(), Stream.of("identity")).map(name -> "tasks." + name).toList();

		assertThat(list(dns, "names")).containsExactlyInAnyOrderElementsOf(expected);
		assertThat(dns).containsEntry("port", 8080);
		assertThat(job).containsEntry("metrics_path", "/actuator/prometheus");
		Map<String, Object> service = map(services(), "prometheus");
		assertThat(service).doesNotContainKeys("user", "ports");
		assertThat(String.valueOf(service.get("volumes"))).doesNotContain("docker.sock");
		assertThat(list(service, "networks")).contains("backend");
	}

	@Test
	void onlyTheGatewayIsPublishedAndItEndsTlsWithTheCertificateOfASecret() {
		for (Map.Entry<String, Object> service : services().entrySet()) {
			if (!service.getKey().equals("gateway")) {
				assertThat(((Map<?, ?>) service.getValue()).containsKey("ports")).as("%s publishes ports", service.getKey()).isFalse();
			}
		}
		Map<String, Object> gateway = map(services(), "gateway");
		assertThat(list(gateway, "ports")).containsExactlyInAnyOrder(
				Map.of("target", 8443, "published", 8443, "protocol", "tcp", "mode", "host"),
				Map.of("target", 8080, "published", 8080, "protocol", "tcp", "mode", "host"));
		assertThat(list(gateway, "secrets")).containsExactlyInAnyOrder("gateway_tls_certificate", "gateway_tls_key");
		String nginx = read(ROOT.resolve("stack/gateway/nginx.conf"));
		assertThat(nginx).contains("ssl_certificate /run/secrets/gateway_tls_certificate;",
				"ssl_certificate_key /run/secrets/gateway_tls_key;", "listen 8443 ssl", "listen 8080;",
				"auth_request /_admin;");
		// every operations tool is behind the admin check
		Matcher ops = Pattern.compile("location /ops/(\\w+)/ \\{([^}]*)}").matcher(nginx);
		Set<String> tools = new TreeSet<>();
		while (ops.find()) {
			tools.add(ops.group(1));
			assertThat(ops.group(2)).as(ops.group(1)).contains("auth_request /_admin;");
		}
		assertThat(tools).containsExactlyInAnyOrder("prometheus", "mail", "grafana", "kibana");
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
