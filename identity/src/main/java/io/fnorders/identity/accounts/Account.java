package io.fnorders.identity.accounts;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Someone who can sign in. The id is what every function knows the customer by (a token's
 * {@code sub}); the e-mail address is what they sign in with and where the shop writes to.
 *
 * @param id the customer id: stable, never an e-mail address
 * @param email the sign-in name and the recipient of the shop's e-mails, in lower case
 * @param passwordHash the password as the encoder stored it, never the password itself
 * @param roles what the account may do
 */
public record Account(String id, String email, String passwordHash, Set<Role> roles) {

	public Account {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(passwordHash, "passwordHash");
		email = normalised(email);
		roles = Set.copyOf(roles);
	}

	/** How an e-mail address is compared and stored: trimmed, in lower case. */
	public static String normalised(String email) {
		return Objects.requireNonNull(email, "email").trim().toLowerCase(Locale.ROOT);
	}

	public boolean isAdmin() {
		return this.roles.contains(Role.ADMIN);
	}

}
