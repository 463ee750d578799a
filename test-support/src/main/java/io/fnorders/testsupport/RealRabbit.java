package io.fnorders.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a test class a real RabbitMQ node (see {@link SharedRabbit}). Put it before
 * {@code @SpringBootTest}: the application connects through {@code spring.rabbitmq.*}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(RealRabbit.Extension.class)
public @interface RealRabbit {

	/** Starts the node before the class's Spring context is created. */
	final class Extension implements BeforeAllCallback {

		@Override
		public void beforeAll(org.junit.jupiter.api.extension.ExtensionContext context) {
			SharedRabbit.start();
		}

	}

}
