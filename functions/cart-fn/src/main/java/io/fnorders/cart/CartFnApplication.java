package io.fnorders.cart;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** cart-fn: carts, checkout and the orders it placed, as functions. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CartFnApplication {

	public static void main(String[] args) {
		SpringApplication.run(CartFnApplication.class, args);
	}

}
