package io.fnorders.identity;

import java.security.SecureRandom;
import java.util.HexFormat;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.fnorders.identity.accounts.Account;
import io.fnorders.identity.accounts.AccountStore;
import io.fnorders.identity.accounts.Accounts;
import io.fnorders.identity.accounts.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Accounts in Redis, their passwords, the admin account from its secret, and the signing key from its file. */
@Configuration(proxyBeanMethods = false)
class AccountsConfiguration {

	private static final Logger log = LoggerFactory.getLogger(AccountsConfiguration.class);

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	@Bean
	AccountStore accountStore(StringRedisTemplate redis, IdentityProperties properties) {
		return new RedisAccountStore(redis, properties.keyPrefix());
	}

	@Bean
	Accounts accounts(AccountStore store, PasswordEncoder encoder) {
		return new Accounts(store, encoder::encode);
	}

	/** Sign-in by e-mail address and password; the roles become {@code ROLE_CUSTOMER} or {@code ROLE_ADMIN}. */
	@Bean
	UserDetailsService userDetailsService(Accounts accounts) {
		return email -> accounts.find(email)
			.map(account -> User.withUsername(account.email())
				.password(account.passwordHash())
				.roles(account.roles().stream().map(Role::name).toArray(String[]::new))
				.build())
			.orElseThrow(() -> new UsernameNotFoundException("no account"));
	}

	/** The admin account, with the password its secret holds now (a changed secret changes it at the next start). */
	@Bean
	ApplicationRunner adminAccount(Accounts accounts, IdentityProperties properties) {
		return arguments -> {
			String password = SecretFiles.read(properties.adminPasswordFile(), properties.createMissingSecrets(),
					AccountsConfiguration::newPassword).strip();
			Account admin = accounts.keepAdmin(properties.adminEmail(), password);
			log.info("Admin account {} ready; its password is in {}", admin.email(), properties.adminPasswordFile());
		};
	}

	@Bean
	JWKSource<SecurityContext> jwkSource(IdentityProperties properties) {
		return new ImmutableJWKSet<>(new JWKSet(SigningKey.load(properties.signingKey(),
				properties.createMissingSecrets())));
	}

	private static String newPassword() {
		byte[] bytes = new byte[18];
		new SecureRandom().nextBytes(bytes);
		return HexFormat.of().formatHex(bytes) + "\n";
	}

}
