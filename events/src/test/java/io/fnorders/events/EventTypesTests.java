package io.fnorders.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class EventTypesTests {

	@Test
	void findsATypeByItsCloudEventsName() {
		assertThat(EventTypes.named("product.upserted")).contains(EventTypes.PRODUCT_UPSERTED);
	}

	@Test
	void knowsNothingOfAnUnknownName() {
		assertThat(EventTypes.named("product.deleted")).isEmpty();
	}

	@Test
	void publishesTheVersionInTheDataSchema() {
		assertThat(EventTypes.PRODUCT_UPSERTED.dataSchema()).isEqualTo("urn:fnorders:events:product.upserted:v1");
	}

	@Test
	void refusesAVersionBelowOne() {
		assertThatIllegalArgumentException().isThrownBy(() -> new EventType<>("x", String.class, 0));
	}

	@Test
	void namesTheDeadLetterTopicAfterItsTopic() {
		assertThat(Topics.deadLetter(Topics.ORDERS)).isEqualTo("orders.dlq");
	}

}
