package io.fnorders.testsupport;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.lang.ArchRule;

/**
 * The layout rules every function service follows. A service's root package holds its wiring
 * and adapters (function beans, Redis and broker adapters); every package below the root is
 * domain code, written in plain Java.
 */
public final class ArchitectureRules {

	private static final String[] FRAMEWORKS = { "org.springframework..", "org.apache.kafka..", "io.lettuce..",
			"redis..", "jakarta.servlet..", "tools.jackson..", "com.fasterxml.jackson..", "io.micrometer.." };

	private ArchitectureRules() {
	}

	/** Domain packages (below {@code serviceRoot}) use no Spring, Kafka, Redis, servlet or JSON types. */
	public static ArchRule domainIsFrameworkFree(String serviceRoot) {
		return noClasses().that()
			.resideInAPackage(serviceRoot + ".(*)..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(FRAMEWORKS)
			.because("domain code is plain Java, tested with new and apply");
	}

	/** A service uses only its own packages and the shared modules, never another service's. */
	public static ArchRule usesOnlySharedModules(String serviceRoot) {
		return noClasses().that()
			.resideInAPackage(serviceRoot + "..")
			.should()
			.dependOnClassesThat(resideInAPackage("io.fnorders..").and(resideInAnyPackage(serviceRoot + "..",
					"io.fnorders.events..", "io.fnorders.values..", "io.fnorders.errors..", "io.fnorders.platform..")
				.negate()))
			.because("services meet only through events and HTTP");
	}

}
