package io.fnorders.notification;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** notification-fn: one e-mail per order event, a history, and a live stream, as functions. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class NotificationFnApplication {

	public static void main(String[] args) {
		SpringApplication.run(NotificationFnApplication.class, args);
	}

}
