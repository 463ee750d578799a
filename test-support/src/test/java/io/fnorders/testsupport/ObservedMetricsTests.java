package io.fnorders.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;

class ObservedMetricsTests {

	@Test
	void findsTheSelectedMetricsButNotFunctionsLabelsOrVariables() {
		String expression = """
				sum by (application, spring_cloud_function_definition) (
				  rate(spring_cloud_function_seconds_count{application=~"$application", error!="none"}[$__rate_interval]))
				/ ignoring(error_kind) group_left(exception_class)
				histogram_quantile(0.99, sum by (le) (rate(http_server_requests_seconds_bucket{uri!~"/actuator.*"}[5m])))
				> bool 0.5 or on(instance) up == 0 and jvm_memory_used_bytes{area="heap"} offset 1h
				""";

		assertThat(ObservedMetrics.inPromQl(expression)).containsExactlyInAnyOrder("spring_cloud_function_seconds_count",
				"http_server_requests_seconds_bucket", "jvm_memory_used_bytes");
	}

	@Test
	void readsTemplateVariableQueries() {
		assertThat(ObservedMetrics.inPromQl("label_values(jvm_threads_live_threads{job=\"functions\"}, application)"))
			.containsExactly("jvm_threads_live_threads");
	}

	@Test
	void reportsTheNamesNoSampleCarries() {
		String exposition = """
				# HELP fnorders_orders_total Orders
				# TYPE fnorders_orders_total counter
				fnorders_orders_total{application="cart-fn",status="placed"} 3.0
				process_cpu_usage 0.25
				""";

		assertThat(ObservedMetrics.missingFrom(
				Set.of("fnorders_orders_total", "process_cpu_usage", "fnorders_orders_created"), exposition))
			.containsExactly("fnorders_orders_created");
	}

	@Test
	void theStackAlertsReadTheFunctionsOwnCounters() {
		assertThat(ObservedMetrics.ofAlertRules()).contains("fnorders_dead_letters_total", "fnorders_reservations_total",
				"http_server_requests_seconds_count");
	}

}
