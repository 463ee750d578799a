package io.fnorders.inventory;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** inventory-fn: stock levels and all-or-nothing reservations, as functions. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class InventoryFnApplication {

	public static void main(String[] args) {
		SpringApplication.run(InventoryFnApplication.class, args);
	}

}
