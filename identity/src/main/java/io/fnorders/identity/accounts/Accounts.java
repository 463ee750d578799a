package io.fnorders.identity.accounts;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Signing up customers and keeping the admin account. A customer gets a new random id (the
 * {@code sub} of their tokens); the admin's id is fixed, and its password comes from a secret.
 */
public final class Accounts {

	/** The admin account's id. */
	public static final String ADMIN_ID = "admin";

	/** At least this many characters (NIST SP 800-63B's minimum for a chosen password). */
	public static final int MIN_PASSWORD_LENGTH = 8;

	/** At most this many bytes in UTF-8: BCrypt reads no more (and Spring Security's refuses longer ones). */
	public static final int MAX_PASSWORD_BYTES = 72;

	private static final String PASSWORD_RULE = "Choose a password of at least " + MIN_PASSWORD_LENGTH
			+ " characters and at most " + MAX_PASSWORD_BYTES
			+ " bytes (a plain letter or digit is one byte, an accented letter two).";

	private static final int MAX_EMAIL_LENGTH = 254;

	/** One @, something on each side, a dot in the domain, no spaces: the checks a sign-up form can make. */
	private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

	private static final char[] ID_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();

	private final AccountStore store;

	private final UnaryOperator<String> passwordEncoder;

	private final SecureRandom random = new SecureRandom();

	/** @param passwordEncoder turns a password into what the store keeps */
	public Accounts(AccountStore store, UnaryOperator<String> passwordEncoder) {
		this.store = store;
		this.passwordEncoder = passwordEncoder;
	}

	/** A new customer account; refused when the address is malformed or taken, or the password too short or long. */
	public Account signUp(@Nullable String email, @Nullable String password) {
		String address = Account.normalised(email == null ? "" : email);
		if (address.length() > MAX_EMAIL_LENGTH || !EMAIL.matcher(address).matches()) {
			throw new SignUpRefusedException("Enter an e-mail address such as name@example.com.", false);
		}
		if (!acceptable(password)) {
			throw new SignUpRefusedException(PASSWORD_RULE, false);
		}
		Account account = new Account(newCustomerId(), address, this.passwordEncoder.apply(password),
				Set.of(Role.CUSTOMER));
		if (!this.store.createIfAbsent(account)) {
			throw new SignUpRefusedException("An account with this e-mail address exists already: sign in instead.",
					true);
		}
		return account;
	}

	/** Creates the admin account, or sets its password to the one given (the secret is the source). */
	public Account keepAdmin(String email, String password) {
		if (!acceptable(password)) {
			throw new IllegalStateException("The admin password is not acceptable: " + PASSWORD_RULE);
		}
		Account admin = new Account(ADMIN_ID, email, this.passwordEncoder.apply(password), Set.of(Role.ADMIN));
		Optional<Account> existing = this.store.findByEmail(admin.email());
		if (existing.isPresent() && !existing.get().isAdmin()) {
			throw new IllegalStateException("The admin address " + admin.email() + " belongs to a customer account");
		}
		this.store.save(admin);
		return admin;
	}

	/** Whether a password can be an account's: long enough, and short enough for BCrypt to read all of it. */
	public static boolean acceptable(@Nullable String password) {
		return password != null && password.codePointCount(0, password.length()) >= MIN_PASSWORD_LENGTH
				&& password.getBytes(StandardCharsets.UTF_8).length <= MAX_PASSWORD_BYTES;
	}

	public Optional<Account> find(String email) {
		return this.store.findByEmail(Account.normalised(email));
	}

	/** {@code c} and 16 characters of an alphabet without look-alikes: 80 random bits. */
	private String newCustomerId() {
		StringBuilder id = new StringBuilder("c");
		for (int i = 0; i < 16; i++) {
			id.append(ID_ALPHABET[this.random.nextInt(ID_ALPHABET.length)]);
		}
		return id.toString();
	}

}
