package io.fnorders.identity;

import io.fnorders.identity.accounts.Account;
import io.fnorders.identity.accounts.Accounts;
import io.fnorders.identity.accounts.Role;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.stereotype.Component;

/**
 * What the functions read from a token: {@code sub} is the customer id (never the e-mail
 * address), {@code email} where the shop writes to, and {@code roles} ({@code customer} or
 * {@code admin}). The same claims go into access and ID tokens.
 */
@Component
class TokenClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

	static final String EMAIL = "email";

	static final String ROLES = "roles";

	private final Accounts accounts;

	TokenClaims(Accounts accounts) {
		this.accounts = accounts;
	}

	@Override
	public void customize(JwtEncodingContext context) {
		if (context.getAuthorizationGrantType() != null
				&& "client_credentials".equals(context.getAuthorizationGrantType().getValue())) {
			return;
		}
		Account account = this.accounts.find(context.getPrincipal().getName())
			.orElseThrow(() -> new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_GRANT));
		context.getClaims()
			.subject(account.id())
			.claim(EMAIL, account.email())
			.claim(ROLES, account.roles().stream().map(Role::claim).sorted().toList());
	}

}
