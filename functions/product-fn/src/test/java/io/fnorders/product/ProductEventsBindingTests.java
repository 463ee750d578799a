package io.fnorders.product;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

import com.jayway.jsonpath.JsonPath;
import io.fnorders.events.Topics;
import io.fnorders.testsupport.RealBrokers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.cloud.stream.binder.test.EnableTestBinder;
import org.springframework.cloud.stream.binder.test.OutputDestination;
import org.springframework.messaging.Message;

/**
 * The catalog's event binding on the stream test binder: the function invoked through the
 * function catalog publishes one CloudEvent to the {@code products} destination.
 */
@RealBrokers
@EnableTestBinder
@SpringBootTest(properties = { "spring.cloud.stream.default-binder=integration",
		"fnorders.catalog.key-prefix=catalog-binding" })
class ProductEventsBindingTests {

	@Autowired
	FunctionCatalog functions;

	@Autowired
	OutputDestination output;

	@Test
	void savingAProductPublishesProductUpsertedToTheProductsDestination() {
		Function<SaveProductRequest, ProductView> saveProduct = this.functions.lookup("saveProduct");

		saveProduct.apply(new SaveProductRequest("BIND-1", "Teapot", "", "kitchen", new BigDecimal("30"), "EUR"));

		Message<byte[]> event = this.output.receive(5000, Topics.PRODUCTS);
		assertThat(event).isNotNull();
		assertThat(event.getHeaders()).containsEntry("ce_type", "product.upserted")
			.containsEntry("ce_subject", "BIND-1")
			.containsEntry("ce_specversion", "1.0")
			.containsKey("ce_id");
		assertThat(String.valueOf(event.getHeaders().get("ce_source"))).isEqualTo("product-fn");
		assertThat(String.valueOf(event.getHeaders().get("ce_dataschema")))
			.isEqualTo("urn:fnorders:events:product.upserted:v1");
		String data = new String(event.getPayload(), StandardCharsets.UTF_8);
		assertThat(JsonPath.<String>read(data, "$.sku")).isEqualTo("BIND-1");
		assertThat(JsonPath.<String>read(data, "$.currency")).isEqualTo("EUR");
		assertThat(data).contains("\"price\":30.00");
		assertThat(this.output.receive(500, Topics.PRODUCTS)).as("exactly one event").isNull();
	}

}
