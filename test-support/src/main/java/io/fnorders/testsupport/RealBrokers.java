package io.fnorders.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a test class a real Kafka KRaft broker and a real Redis server (see
 * {@link SharedBrokers}). Put it before {@code @SpringBootTest}: the application then connects to
 * them through the usual Spring Boot properties.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(RealBrokersExtension.class)
public @interface RealBrokers {

}
