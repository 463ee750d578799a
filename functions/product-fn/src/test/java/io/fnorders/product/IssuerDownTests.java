package io.fnorders.product;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import com.jayway.jsonpath.JsonPath;
import io.fnorders.localbrokers.LocalPorts;
import io.fnorders.testsupport.HttpFunctions;
import io.fnorders.testsupport.RealBrokers;
import io.fnorders.testsupport.TestIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * product-fn trusting an issuer that cannot be reached: a token it cannot check is a 503 with
 * {@code Retry-After} (the caller did nothing wrong and may send it again), never a 401 or a
 * 500, and what is open to anyone still answers.
 */
@RealBrokers
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "fnorders.catalog.key-prefix=catalog-issuer")
class IssuerDownTests {

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void unreachableIssuer(DynamicPropertyRegistry registry) {
		registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri",
				() -> "http://localhost:" + LocalPorts.freePort());
	}

	@Test
	void answersATokenItCannotCheckWith503AndKeepsTheCatalogOpen() {
		HttpFunctions anonymous = HttpFunctions.onPort(this.port);

		HttpResponse<String> save = anonymous.as(TestIssuer.get().admin())
			.post("/saveProduct", "{\"sku\":\"ISS-1\",\"name\":\"Kettle\",\"price\":1,\"currency\":\"EUR\"}");

		assertThat(save.statusCode()).as(save.body()).isEqualTo(503);
		assertThat(save.headers().firstValue("Retry-After")).isPresent();
		assertThat(save.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(JsonPath.<String>read(save.body(), "$.detail")).contains("issuer");
		assertThat(anonymous.get("/products").statusCode()).isEqualTo(200);
	}

}
