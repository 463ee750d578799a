package io.fnorders.inventory;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** inventory-fn: a function service of its own. Its functions arrive with their issue. */
@SpringBootApplication
public class InventoryFnApplication {

	public static void main(String[] args) {
		SpringApplication.run(InventoryFnApplication.class, args);
	}

}
