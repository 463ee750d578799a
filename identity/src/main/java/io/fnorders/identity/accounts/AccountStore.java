package io.fnorders.identity.accounts;

import java.util.Optional;

/** Where accounts live, found by their e-mail address. */
public interface AccountStore {

	/** The account that signs in with this address, if any. */
	Optional<Account> findByEmail(String email);

	/** Stores a new account; false, changing nothing, when its address is taken already. */
	boolean createIfAbsent(Account account);

	/** Stores an account, replacing the one with the same address. */
	void save(Account account);

}
