package io.fnorders.testsupport;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Starts the {@link SharedBrokers} before a test class's Spring context is created. */
public final class RealBrokersExtension implements BeforeAllCallback {

	@Override
	public void beforeAll(ExtensionContext context) {
		SharedBrokers.start();
	}

}
