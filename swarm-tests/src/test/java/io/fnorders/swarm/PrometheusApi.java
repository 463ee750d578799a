package io.fnorders.swarm;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;

/** Prometheus's HTTP API (/api/v1) through the gateway's /ops/prometheus/, as an admin. */
final class PrometheusApi {

	static final String PREFIX = "/ops/prometheus";

	private final Http api;

	private final Map<String, String> admin;

	PrometheusApi(Http gateway, String adminToken) {
		this.api = gateway;
		this.admin = Map.of("Authorization", "Bearer " + adminToken);
	}

	/** The active targets of a scrape job. */
	List<Target> targets(String job) {
		String body = Shop.ok(this.api.get(PREFIX + "/api/v1/targets?state=active", this.admin));
		List<Map<String, Object>> targets = JsonPath.read(body, "$.data.activeTargets[?(@.labels.job == '" + job + "')]");
		return targets.stream().map(target -> {
			@SuppressWarnings("unchecked")
			Map<String, String> labels = (Map<String, String>) target.get("labels");
			return new Target(labels.get("service"), (String) target.get("scrapeUrl"), (String) target.get("health"));
		}).toList();
	}

	/** An instant query whose result is one number per value of {@code label}. */
	Map<String, Double> query(String promql, String label) {
		String body = Shop.ok(this.api.get(PREFIX + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8), this.admin));
		Map<String, Double> values = new HashMap<>();
		for (Map<String, Object> sample : JsonPath.<List<Map<String, Object>>>read(body, "$.data.result")) {
			@SuppressWarnings("unchecked")
			Map<String, String> metric = (Map<String, String>) sample.get("metric");
			List<?> value = (List<?>) sample.get("value");
			values.put(metric.getOrDefault(label, ""), Double.parseDouble((String) value.get(1)));
		}
		return values;
	}

	/** The loaded rules by name, with their health (ok, err, unknown). */
	Map<String, String> rules() {
		String body = Shop.ok(this.api.get(PREFIX + "/api/v1/rules", this.admin));
		Map<String, String> rules = new HashMap<>();
		for (Map<String, Object> rule : JsonPath.<List<Map<String, Object>>>read(body, "$.data.groups[*].rules[*]")) {
			rules.put((String) rule.get("name"), (String) rule.get("health"));
		}
		return rules;
	}

	record Target(String service, String scrapeUrl, String health) {
	}

}
