package io.fnorders.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Map;

import org.junit.jupiter.api.Test;

class LocalSettingsTests {

	@Test
	void usesTheConventionalPortsByDefault() {
		LocalSettings settings = LocalSettings.from(Map.<String, String>of()::get);

		assertThat(settings.kafkaBootstrapServers()).isEqualTo("127.0.0.1:9092");
		assertThat(settings.redisPort()).isEqualTo(6379);
		assertThat(settings.identityIssuer()).isEqualTo("http://localhost:9000");
		assertThat(settings.binding()).isEqualTo("kafka");
		assertThat(settings.functionPorts()).containsEntry("cart-fn", 8081)
			.containsEntry("product-fn", 8082)
			.containsEntry("inventory-fn", 8083)
			.containsEntry("notification-fn", 8084);
		assertThat(settings.dataDir().getFileName()).hasToString(".data");
		assertThat(settings.replicasOf("inventory-fn")).isEqualTo(1);
	}

	@Test
	void runsAsManyInstancesOfAFunctionAsAskedOnPortsAHundredApart() {
		LocalSettings settings = LocalSettings.from(Map.of("INVENTORY", "3", "CART", "0")::get);

		assertThat(settings.replicasOf("inventory-fn")).isEqualTo(3);
		assertThat(settings.replicasOf("cart-fn")).isZero();
		assertThat(settings.portOf("inventory-fn", 2)).isEqualTo(8283);
		assertThatIllegalArgumentException().isThrownBy(() -> LocalSettings.from(Map.of("INVENTORY", "12")::get))
			.withMessageContaining("INVENTORY must be a number of instances from 0 to 9");
	}

	@Test
	void takesEveryAddressFromTheEnvironment() {
		LocalSettings settings = LocalSettings.from(Map.of("KAFKA_PORT", "19092", "REDIS_PORT", "16379",
				"PRODUCT_PORT", "18082", "BINDING", "rabbit", "DATA_DIR", "/tmp/x", "FUNCTION_JAVA_OPTS", " -Xmx1g ",
				"IDENTITY_PORT", "19000")::get);

		assertThat(settings.kafkaPort()).isEqualTo(19092);
		assertThat(settings.redisPort()).isEqualTo(16379);
		assertThat(settings.functionPorts()).containsEntry("product-fn", 18082);
		assertThat(settings.binding()).isEqualTo("rabbit");
		assertThat(settings.dataDir()).hasToString("/tmp/x");
		assertThat(settings.identityIssuer()).isEqualTo("http://localhost:19000");
		assertThat(settings.identityDir()).hasToString("/tmp/x/identity");
		assertThat(settings.functionJvmOptions()).containsExactly("-Xmx1g");
	}

	@Test
	void refusesAPortThatIsNotANumber() {
		assertThatIllegalArgumentException().isThrownBy(() -> LocalSettings.from(Map.of("REDIS_PORT", "redis")::get))
			.withMessage("REDIS_PORT must be a port number, was 'redis'");
		assertThatIllegalArgumentException().isThrownBy(() -> LocalSettings.from(Map.of("CART_PORT", "70000")::get))
			.withMessageStartingWith("CART_PORT");
	}

}
