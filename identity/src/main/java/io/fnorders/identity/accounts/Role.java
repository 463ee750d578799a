package io.fnorders.identity.accounts;

import java.util.Locale;

/** What an account may do: customers act on their own carts and orders, admins run the shop. */
public enum Role {

	CUSTOMER, ADMIN;

	/** The name in a token's {@code roles} claim: {@code customer}, {@code admin}. */
	public String claim() {
		return name().toLowerCase(Locale.ROOT);
	}

}
