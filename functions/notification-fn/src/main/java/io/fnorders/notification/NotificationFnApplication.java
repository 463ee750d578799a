package io.fnorders.notification;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** notification-fn: a function service of its own. Its functions arrive with their issue. */
@SpringBootApplication
public class NotificationFnApplication {

	public static void main(String[] args) {
		SpringApplication.run(NotificationFnApplication.class, args);
	}

}
