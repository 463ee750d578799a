package io.fnorders.identity;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.fnorders.identity.accounts.Account;
import io.fnorders.identity.accounts.AccountStore;
import io.fnorders.identity.accounts.Role;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Accounts as Redis hashes, {@code <prefix>:account:<email>} with the fields id, password and
 * roles. They have no lifetime: an account lasts until it is deleted.
 */
final class RedisAccountStore implements AccountStore {

	/** Writes the hash only when the key is new, in one step, so two sign-ups for one address cannot both win. */
	private static final RedisScript<Long> CREATE_IF_ABSENT = RedisScript.of("""
			if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
			redis.call('HSET', KEYS[1], 'id', ARGV[1], 'password', ARGV[2], 'roles', ARGV[3])
			return 1
			""", Long.class);

	private final StringRedisTemplate redis;

	private final String prefix;

	RedisAccountStore(StringRedisTemplate redis, String prefix) {
		this.redis = redis;
		this.prefix = prefix;
	}

	@Override
	public Optional<Account> findByEmail(String email) {
		Map<Object, Object> fields = this.redis.opsForHash().entries(key(email));
		if (fields.isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(new Account((String) fields.get("id"), email, (String) fields.get("password"),
				roles((String) fields.get("roles"))));
	}

	@Override
	public boolean createIfAbsent(Account account) {
		Long created = this.redis.execute(CREATE_IF_ABSENT, List.of(key(account.email())), account.id(),
				account.passwordHash(), roles(account.roles()));
		return created != null && created == 1L;
	}

	@Override
	public void save(Account account) {
		this.redis.opsForHash().putAll(key(account.email()), Map.of("id", account.id(), "password",
				account.passwordHash(), "roles", roles(account.roles())));
	}

	private String key(String email) {
		return this.prefix + ":account:" + Account.normalised(email);
	}

	private static String roles(Set<Role> roles) {
		return roles.stream().map(Role::name).sorted().collect(Collectors.joining(","));
	}

	private static Set<Role> roles(String roles) {
		Set<Role> parsed = EnumSet.noneOf(Role.class);
		Arrays.stream(roles.split(",")).filter(name -> !name.isBlank()).map(Role::valueOf).forEach(parsed::add);
		return parsed;
	}

}
