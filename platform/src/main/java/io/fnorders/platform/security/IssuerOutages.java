package io.fnorders.platform.security;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderInitializationException;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Spring Boot's decoder for an {@code issuer-uri} reads the issuer's discovery document on first
 * use, and fails with an exception Spring Security lets through as a 500 while the issuer cannot
 * be reached. As a {@link JwtException} it becomes an authentication service failure instead,
 * which {@link SecurityProblems} answers 503.
 */
final class IssuerOutages implements JwtDecoder {

	private final JwtDecoder decoder;

	IssuerOutages(JwtDecoder decoder) {
		this.decoder = decoder;
	}

	@Override
	public Jwt decode(String token) {
		try {
			return this.decoder.decode(token);
		}
		catch (JwtDecoderInitializationException ex) {
			throw new JwtException("The token issuer cannot be reached: " + ex.getMessage(), ex);
		}
	}

}
