package io.fnorders.product;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** product-fn: the catalog, as functions. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ProductFnApplication {

	public static void main(String[] args) {
		SpringApplication.run(ProductFnApplication.class, args);
	}

}
