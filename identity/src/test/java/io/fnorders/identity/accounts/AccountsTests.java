package io.fnorders.identity.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

class AccountsTests {

	private final Map<String, Account> stored = new HashMap<>();

	private final Accounts accounts = new Accounts(new AccountStore() {

		@Override
		public Optional<Account> findByEmail(String email) {
			return Optional.ofNullable(AccountsTests.this.stored.get(email));
		}

		@Override
		public boolean createIfAbsent(Account account) {
			return AccountsTests.this.stored.putIfAbsent(account.email(), account) == null;
		}

		@Override
		public void save(Account account) {
			AccountsTests.this.stored.put(account.email(), account);
		}

	}, password -> "hashed:" + password);

	@Test
	void aCustomerSignsUpWithARandomIdAndTheAddressInLowerCase() {
		Account alice = this.accounts.signUp(" Alice@Example.COM ", "correct horse");

		assertThat(alice.email()).isEqualTo("alice@example.com");
		assertThat(alice.id()).matches("c[a-z2-9]{16}").doesNotContain("@");
		assertThat(alice.roles()).containsExactly(Role.CUSTOMER);
		assertThat(alice.passwordHash()).isEqualTo("hashed:correct horse");
		assertThat(this.accounts.find("ALICE@example.com")).contains(alice);
		assertThat(this.accounts.signUp("bob@example.com", "correct horse").id()).isNotEqualTo(alice.id());
	}

	@Test
	void aTakenAddressIsRefusedAndTheFirstAccountStays() {
		Account first = this.accounts.signUp("alice@example.com", "correct horse");

		assertThatExceptionOfType(SignUpRefusedException.class)
			.isThrownBy(() -> this.accounts.signUp("ALICE@example.com", "another password"))
			.satisfies(refused -> assertThat(refused.emailTaken()).isTrue());
		assertThat(this.accounts.find("alice@example.com")).contains(first);
	}

	@Test
	void malformedAddressesAndPasswordsOutsideTheLimitsAreRefused() {
		for (String email : new String[] { "", "alice", "alice@", "@example.com", "a b@example.com", "alice@example",
				"a@b@example.com", "x".repeat(250) + "@example.com" }) {
			assertThatExceptionOfType(SignUpRefusedException.class)
				.isThrownBy(() -> this.accounts.signUp(email, "correct horse"))
				.satisfies(refused -> assertThat(refused.emailTaken()).isFalse())
				.withMessageContaining("e-mail address");
		}
		assertThatExceptionOfType(SignUpRefusedException.class)
			.isThrownBy(() -> this.accounts.signUp("alice@example.com", "short"))
			.withMessageContaining("at least 8 characters and at most 72 bytes");
		assertThatExceptionOfType(SignUpRefusedException.class)
			.isThrownBy(() -> this.accounts.signUp("alice@example.com", "x".repeat(73)));
		// 37 accented letters: 37 characters, but 74 bytes
		assertThatExceptionOfType(SignUpRefusedException.class)
			.isThrownBy(() -> this.accounts.signUp("alice@example.com", "é".repeat(37)));
		assertThat(this.stored).isEmpty();
	}

	@Test
	void aPasswordIsMeasuredInCharactersAtLeastAndInBytesAtMost() {
		assertThat(Accounts.acceptable("x".repeat(72))).isTrue();
		assertThat(Accounts.acceptable("é".repeat(36))).isTrue();
		assertThat(Accounts.acceptable("é".repeat(37))).isFalse();
		assertThat(Accounts.acceptable("🙂".repeat(8))).as("8 characters, 32 bytes").isTrue();
		assertThat(Accounts.acceptable("🙂".repeat(7))).as("7 characters, 14 UTF-16 units").isFalse();
		assertThat(Accounts.acceptable(null)).isFalse();
	}

	@Test
	void anUnacceptableAdminSecretStopsTheStart() {
		assertThatIllegalStateException().isThrownBy(() -> this.accounts.keepAdmin("admin@example.com", "short"));
		assertThatIllegalStateException()
			.isThrownBy(() -> this.accounts.keepAdmin("admin@example.com", "x".repeat(73)));
		assertThat(this.stored).isEmpty();
	}

	@Test
	void theAdminKeepsItsIdAndTakesThePasswordOfItsSecret() {
		this.accounts.keepAdmin("admin@example.com", "first secret");
		Account admin = this.accounts.keepAdmin("admin@example.com", "second secret");

		assertThat(admin.id()).isEqualTo(Accounts.ADMIN_ID);
		assertThat(admin.roles()).isEqualTo(Set.of(Role.ADMIN));
		assertThat(this.accounts.find("admin@example.com").orElseThrow().passwordHash())
			.isEqualTo("hashed:second secret");
	}

	@Test
	void theAdminAddressCannotTakeOverACustomerAccount() {
		this.accounts.signUp("shop@example.com", "correct horse");

		assertThatIllegalStateException().isThrownBy(() -> this.accounts.keepAdmin("shop@example.com", "a secret"));
		assertThat(this.accounts.find("shop@example.com").orElseThrow().isAdmin()).isFalse();
	}

}
