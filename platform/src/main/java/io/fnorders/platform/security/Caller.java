package io.fnorders.platform.security;

import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The signed-in customer a call acts for, as the platform hands it to a function: in the headers
 * {@value #CUSTOMER} and {@value #EMAIL} of the function's input message, taken from the verified
 * token. Whatever a client sends under those names is dropped before it reaches a function.
 *
 * @param customerId the token's subject
 * @param email the token's {@code email} claim, where the shop writes to; none when the issuer
 * put none in the token
 */
public record Caller(String customerId, @Nullable String email) {

	/** The header carrying the caller's customer id. */
	public static final String CUSTOMER = "Fnorders-Customer";

	/** The header carrying the caller's e-mail address. */
	public static final String EMAIL = "Fnorders-Email";

	/** The caller named in a function's message headers, if the call was signed in. */
	public static Optional<Caller> of(Map<String, ?> headers) {
		String customer = header(headers, CUSTOMER);
		return (customer == null || customer.isBlank()) ? Optional.empty()
				: Optional.of(new Caller(customer, header(headers, EMAIL)));
	}

	private static @Nullable String header(Map<String, ?> headers, String name) {
		for (Map.Entry<String, ?> header : headers.entrySet()) {
			if (header.getKey().equalsIgnoreCase(name) && header.getValue() != null) {
				Object value = header.getValue();
				if (value instanceof Iterable<?> values) {
					var iterator = values.iterator();
					return iterator.hasNext() ? String.valueOf(iterator.next()) : null;
				}
				return value.toString();
			}
		}
		return null;
	}

}
