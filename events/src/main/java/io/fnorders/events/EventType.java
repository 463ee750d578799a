package io.fnorders.events;

import java.util.Objects;

/**
 * A versioned CloudEvents type: the {@code type} attribute, the Java record carried as data, and
 * the schema version, published as the {@code dataschema} attribute.
 *
 * @param name the CloudEvents {@code type}, for example {@code product.upserted}
 * @param dataType the record carried as JSON data
 * @param version the version of that record's schema; bumped on any incompatible change
 */
public record EventType<T>(String name, Class<T> dataType, int version) {

	public EventType {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(dataType, "dataType");
		if (version < 1) {
			throw new IllegalArgumentException("version must be at least 1");
		}
	}

	/** The {@code dataschema} attribute: {@code urn:fnorders:events:<name>:v<version>}. */
	public String dataSchema() {
		return "urn:fnorders:events:" + name + ":v" + version;
	}

}
