package io.fnorders.product;

import static io.fnorders.testsupport.TopicReader.header;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import io.fnorders.events.EventTypes;
import io.fnorders.events.StockChanged;
import io.fnorders.events.Topics;
import io.fnorders.testsupport.EventWriter;
import io.fnorders.testsupport.HttpFunctions;
import io.fnorders.testsupport.TestIssuer;
import io.fnorders.testsupport.RealBrokers;
import io.fnorders.testsupport.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.http.MediaType;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.result.MockMvcResultMatchers;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/** product-fn as a user meets it: over HTTP, with a real Kafka broker and a real Redis server. */
@RealBrokers
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "fnorders.catalog.key-prefix=catalog-it")
class ProductFnIntegrationTests {

	@LocalServerPort
	int port;

	HttpFunctions http;

	@Autowired
	private List<HandlerMapping> handlerMappings;

	/**
	 * The platform's mapping, which resolves each function once, is the one that serves a function
	 * call: ahead of Spring Cloud Function's own, which would look the function up on every request.
	 */
	@Test
	void aFunctionCallIsServedByTheMappingThatResolvesEachFunctionOnce() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/product/" + sku());
		ServletRequestPathUtils.parseAndCache(request);
		List<HandlerMapping> ordered = new ArrayList<>(this.handlerMappings);
		AnnotationAwareOrderComparator.sort(ordered);
		HandlerMapping serving = null;
		for (HandlerMapping mapping : ordered) {
			if (mapping.getHandler(request) != null) {
				serving = mapping;
				break;
			}
		}
		assertThat(serving).isNotNull();
		assertThat(serving.getClass().getSimpleName()).isEqualTo("ResolvedFunctionHandlerMapping");
	}

	@BeforeEach
	void client() {
		this.http = HttpFunctions.onPort(this.port).as(TestIssuer.get().admin());
	}

	@Autowired
	private WebApplicationContext web;

	/**
	 * A function call is answered on the request's thread: Spring Cloud Function wraps the
	 * result in a Mono, which Spring MVC would answer by dispatching the request a second time,
	 * asynchronously; the platform writes a result that is already there at once.
	 */
	@Test
	void aFunctionsResultIsWrittenWithoutAnAsynchronousSecondDispatch() throws Exception {
		String sku = sku();
		assertThat(this.http.post("/saveProduct", product(sku, "3.5")).statusCode()).isEqualTo(200);
		MockMvc mvc = MockMvcBuilders.webAppContextSetup(this.web).build();
		mvc.perform(MockMvcRequestBuilders.get("/product/" + sku).accept(MediaType.APPLICATION_JSON))
			.andExpect(MockMvcResultMatchers.request().asyncNotStarted())
			.andExpect(MockMvcResultMatchers.status().isOk())
			.andExpect(MockMvcResultMatchers.jsonPath("$.sku").value(sku));
		mvc.perform(MockMvcRequestBuilders.get("/product/NO-SUCH-" + sku).accept(MediaType.APPLICATION_JSON))
			.andExpect(MockMvcResultMatchers.request().asyncNotStarted())
			.andExpect(MockMvcResultMatchers.status().isNotFound());
	}

	private static String sku() {
		return "SKU-" + UUID.randomUUID().toString().substring(0, 8);
	}

	private static String product(String sku, String price) {
		return """
				{"sku":"%s","name":"Blue mug","description":"Stoneware","category":"kitchen","price":%s,"currency":"EUR"}
				""".formatted(sku, price);
	}

	@Test
	void savesAProductReadsItBackAndPublishesTheEventKeyedBySku() {
		String sku = sku();
		try (TopicReader products = TopicReader.of(Topics.PRODUCTS)) {
			HttpResponse<String> saved = this.http.post("/saveProduct", product(sku, "12.5"));

			assertThat(saved.statusCode()).isEqualTo(200);
			assertThat(JsonPath.<String>read(saved.body(), "$.sku")).isEqualTo(sku);
			assertThat(saved.body()).contains("\"price\":12.50");

			HttpResponse<String> read = this.http.get("/product/" + sku);
			assertThat(read.statusCode()).isEqualTo(200);
			assertThat(JsonPath.<String>read(read.body(), "$.name")).isEqualTo("Blue mug");
			assertThat(read.body()).contains("\"price\":12.50", "\"currency\":\"EUR\"");

			ConsumerRecord<String, String> event = products.await(record -> sku.equals(record.key()),
					Duration.ofSeconds(20));
			assertThat(header(event, "ce_type")).isEqualTo("product.upserted");
			assertThat(header(event, "ce_subject")).isEqualTo(sku);
			assertThat(header(event, "ce_source")).isEqualTo("product-fn");
			assertThat(header(event, "ce_specversion")).isEqualTo("1.0");
			assertThat(header(event, "ce_dataschema")).isEqualTo("urn:fnorders:events:product.upserted:v1");
			assertThat(header(event, "ce_id")).isNotBlank();
			assertThat(JsonPath.<String>read(event.value(), "$.sku")).isEqualTo(sku);
			assertThat(event.value()).contains("\"price\":12.50");
		}
	}

	@Test
	void showsTheAvailabilityInventoryLastReportedAndIgnoresOlderReports() {
		String sku = sku();
		assertThat(this.http.post("/saveProduct", product(sku, "5")).statusCode()).isEqualTo(200);
		assertThat(JsonPath.<Object>read(this.http.get("/product/" + sku).body(), "$.availability")).isNull();

		try (EventWriter writer = EventWriter.create()) {
			writer.send(Topics.STOCK, EventTypes.STOCK_CHANGED, sku + "@7", sku, new StockChanged(sku, 9, 2, 7, 7));
			writer.send(Topics.STOCK, EventTypes.STOCK_CHANGED, sku + "@3", sku, new StockChanged(sku, 1, 1, 0, 3));
			String marker = sku();
			writer.send(Topics.STOCK, EventTypes.STOCK_CHANGED, marker + "@1", marker,
					new StockChanged(marker, 1, 0, 1, 1));
			assertThat(this.http.post("/saveProduct", product(marker, "1")).statusCode()).isEqualTo(200);
			Awaitility.await()
				.atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(this.http.get("/product/" + marker).body())
					.contains("\"availability\":{\"available\":1,\"inStock\":true}"));
		}

		String body = this.http.get("/product/" + sku).body();
		assertThat(JsonPath.<Integer>read(body, "$.availability.available")).isEqualTo(7);
		assertThat(JsonPath.<Boolean>read(body, "$.availability.inStock")).isTrue();
		assertThat(this.http.get("/products").body()).contains("\"sku\":\"%s\"".formatted(sku));
	}

	@Test
	void deadLettersUnreadableStockEvents() {
		String sku = sku();
		try (EventWriter writer = EventWriter.create(); TopicReader deadLetters = TopicReader.of("stock.dlq")) {
			writer.send(Topics.STOCK, sku, EventWriter.headers("stock.changed", "bad-" + sku, sku),
					"[1,2".getBytes(java.nio.charset.StandardCharsets.UTF_8));

			ConsumerRecord<String, String> dead = deadLetters.await(record -> sku.equals(record.key()),
					Duration.ofSeconds(30));
			assertThat(header(dead, KafkaHeaders.DLT_EXCEPTION_MESSAGE)).contains("stock.changed");
			assertThat(header(dead, KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo(Topics.STOCK);
		}
	}

	@Test
	void listsProductsInSkuOrder() {
		String prefix = "LIST-" + UUID.randomUUID().toString().substring(0, 4);
		for (String suffix : List.of("C", "A", "B")) {
			assertThat(this.http.post("/saveProduct", product(prefix + suffix, "1")).statusCode()).isEqualTo(200);
		}

		HttpResponse<String> listing = this.http.get("/products");

		assertThat(listing.statusCode()).isEqualTo(200);
		List<String> skus = JsonPath.read(listing.body(), "$.items[*].sku");
		assertThat(skus).containsSubsequence(prefix + "A", prefix + "B", prefix + "C").isSorted();
		assertThat(JsonPath.<Integer>read(listing.body(), "$.limit")).isEqualTo(100);
	}

	@Test
	void answersAnUnknownSkuWithANotFoundProblem() {
		HttpResponse<String> response = this.http.get("/product/NO-SUCH-SKU");

		assertProblem(response, 404, "No product with sku 'NO-SUCH-SKU'");
	}

	@Test
	void answersAnInvalidSkuWithABadRequestProblem() {
		assertProblem(this.http.get("/product/-bad"), 400, "sku '-bad' is invalid");
	}

	@Test
	void refusesInvalidProductsWithWhatIsWrong() {
		assertProblem(this.http.post("/saveProduct", product(sku(), "-1")), 400, "must not be negative");
		assertProblem(this.http.post("/saveProduct", product(sku(), "1.999")), 400, "more decimals than EUR");
		assertProblem(this.http.post("/saveProduct", "{\"sku\":\"A1\",\"price\":1,\"currency\":\"EUR\"}"), 400,
				"name is required");
		assertProblem(this.http.post("/saveProduct", product(sku(), "1").replace("EUR", "EURO")), 400, "ISO-4217");
		assertProblem(this.http.post("/saveProduct", product(sku(), "\"cheap\"")), 400, "");
	}

	@Test
	void refusesMalformedJson() {
		assertProblem(this.http.post("/saveProduct", "{\"sku\":"), 400, "Malformed JSON");
		assertProblem(this.http.post("/saveProduct", ""), 400, "A JSON request body is required");
		assertProblem(this.http.post("/saveProduct", "null"), 400, "must be a JSON object");
		assertProblem(this.http.post("/saveProduct", "[]"), 400, "must be a JSON object");
	}

	@Test
	void refusesABodyThatIsNotJson() {
		HttpResponse<String> response = this.http.send(this.http.request("/saveProduct")
			.header("Content-Type", "text/plain")
			.POST(BodyPublishers.ofString("sku=A"))
			.build());

		assertProblem(response, 415, "");
	}

	@Test
	void refusesAnOversizedBody() {
		String huge = product(sku(), "1").replace("Stoneware", "x".repeat(70_000));

		assertProblem(this.http.post("/saveProduct", huge), 413, "larger than 64 KB");
	}

	@Test
	void letsAnyoneReadTheCatalogAndOnlyAdminsChangeIt() {
		String sku = sku();
		HttpFunctions anonymous = this.http.anonymous();
		HttpFunctions customer = this.http.as(TestIssuer.get().customer("customer-1"));
		assertThat(this.http.post("/saveProduct", product(sku, "10")).statusCode()).isEqualTo(200);

		HttpResponse<String> unsigned = anonymous.post("/saveProduct", product(sku, "0.01"));
		HttpResponse<String> notAdmin = customer.post("/saveProduct", product(sku, "0.01"));

		assertThat(unsigned.statusCode()).isEqualTo(401);
		assertThat(unsigned.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(notAdmin.statusCode()).isEqualTo(403);
		assertThat(notAdmin.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(JsonPath.<String>read(notAdmin.body(), "$.detail")).isEqualTo("Your account may not call this function");
		assertThat(anonymous.get("/products").statusCode()).isEqualTo(200);
		assertThat(JsonPath.<Double>read(anonymous.get("/product/" + sku).body(), "$.price")).isEqualTo(10.0);
		assertThat(anonymous.get("/actuator/health").statusCode()).isEqualTo(200);
		assertThat(anonymous.get("/nothing-here").statusCode()).as("unknown paths stay 404 for anyone").isEqualTo(404);
	}

	@Test
	void answersUnknownPathsAndBuiltInFunctionsWithNotFound() {
		assertProblem(this.http.get("/nothing-here"), 404, "No function is exposed at '/nothing-here'");
		assertProblem(this.http.post("/functionRouter", "{}"), 404, "");
		assertProblem(this.http.post("/streamBridge", "{}"), 404, "");
		assertProblem(this.http.post("/no-such-function", product(sku(), "1")), 404, "");
	}

	@Test
	void refusesPathsThatAreNotInNormalFormBeforeRoutingThem() {
		String sku = sku();
		HttpFunctions admin = this.http.as(TestIssuer.get().admin());
		for (String path : List.of("/products/../saveProduct", "/product/%2e%2e/saveProduct", "//saveProduct",
				"/product/x;/../../saveProduct")) {
			assertProblem(admin.post(path, product(sku, "1")), 400, "not in normal form");
		}
		// an encoded slash: Tomcat refuses it before Spring sees it, as a problem as well
		assertProblem(admin.post("/product/x%2F..%2FsaveProduct", product(sku, "1")), 400, "");
		assertProblem(admin.get("/product/" + sku), 404, "");
	}

	@Test
	void answersAWrongMethodWithMethodNotAllowed() {
		HttpResponse<String> response = this.http.get("/saveProduct");

		assertProblem(response, 405, "");
		assertThat(response.headers().firstValue("Allow")).contains("POST");
		assertProblem(this.http.post("/products", "{}"), 405, "");
		assertProblem(this.http.send(this.http.request("/product/A").method("PATCH", BodyPublishers.noBody()).build()),
				405, "");
	}

	@Test
	void doesNotEchoRequestHeaders() {
		HttpResponse<String> response = this.http.send(this.http.request("/product/NO-SUCH")
			.header("X-Secret-Token", "s3cret")
			.header("Accept", "application/json")
			.build());
		HttpResponse<String> ok = this.http.send(this.http.request("/products").header("X-Secret-Token", "s3cret").build());

		assertThat(response.headers().map().keySet()).doesNotContain("x-secret-token");
		assertThat(ok.statusCode()).isEqualTo(200);
		assertThat(ok.headers().map().keySet()).doesNotContain("x-secret-token", "timestamp", "uri", "contenttype",
				"user-agent", "host");
	}

	@Test
	void exposesHealthProbesAndPrometheusButNothingElseOfActuator() {
		assertThat(this.http.post("/saveProduct", product(sku(), "3")).statusCode()).isEqualTo(200);

		assertThat(this.http.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
		assertThat(this.http.get("/actuator/health/readiness").statusCode()).isEqualTo(200);
		HttpResponse<String> metrics = this.http.get("/actuator/prometheus");
		assertThat(metrics.statusCode()).isEqualTo(200);
		assertThat(metrics.body()).contains("application=\"product-fn\"")
			.containsPattern("spring_cloud_function_seconds_count\\{[^}]*spring_cloud_function_definition=\"saveProduct\"")
			.containsPattern("spring_kafka_template_seconds_count\\{[^}]*messaging_destination_name=\"products\"");
		assertThat(this.http.get("/actuator/env").statusCode()).isEqualTo(404);
		assertThat(this.http.get("/actuator/beans").statusCode()).isEqualTo(404);
		assertThat(this.http.get("/actuator").statusCode()).isEqualTo(404);
		assertThat(this.http.get("/trackAvailability").statusCode()).as("broker-only function").isEqualTo(404);
		assertThat(this.http.get("/actuator/prometheus/x").statusCode()).isEqualTo(404);
		for (String path : List.of("/actuator/prometheus/x", "/actuator/health", "/actuator/health/liveness")) {
			HttpResponse<String> forged = this.http.send(this.http.request(path)
				.header("Content-Type", "application/json")
				.header("ce-type", "stock.changed")
				.header("ce-id", "forged")
				.header("ce-subject", "X")
				.header("ce-specversion", "1.0")
				.method("PUT", BodyPublishers.ofString("{\"sku\":\"X\",\"available\":999,\"version\":9}"))
				.build());
			assertThat(forged.statusCode()).as("PUT " + path + " must not reach a broker-bound function")
				.isGreaterThanOrEqualTo(400);
		}
	}

	private static void assertProblem(HttpResponse<String> response, int status, String detailPart) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				type -> assertThat(type).startsWith("application/problem+json"));
		assertThat(JsonPath.<Integer>read(response.body(), "$.status")).isEqualTo(status);
		assertThat(JsonPath.<String>read(response.body(), "$.detail")).contains(detailPart);
		assertThat(response.body()).doesNotContain("Exception", "\tat ");
	}

}
