package io.fnorders.cart;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** cart-fn: a function service of its own. Its functions arrive with their issue. */
@SpringBootApplication
public class CartFnApplication {

	public static void main(String[] args) {
		SpringApplication.run(CartFnApplication.class, args);
	}

}
