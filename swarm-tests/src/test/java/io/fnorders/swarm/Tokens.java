package io.fnorders.swarm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Access tokens as the stack's identity service issues them, signed with its own key (which
 * {@code make swarm-test} made before the deploy and names in {@code fnorders.signing-key}): the
 * issuer is the gateway's address, {@code sub} the customer, an {@code email}, the roles. The
 * functions fetch the key from the identity service and check these tokens as any other, so the
 * tests can act for a thousand customers without a thousand sign-ins.
 */
final class Tokens {

	private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";

	private static final String END = "-----END PRIVATE KEY-----";

	private final RSAKey key;

	private final String issuer;

	private final Map<String, String> byCustomer = new ConcurrentHashMap<>();

	private Tokens(RSAKey key, String issuer) {
		this.key = key;
		this.issuer = issuer;
	}

	/** The tokens of the stack this run deployed, issued as by {@code issuer} (the gateway's address). */
	static Tokens of(String issuer) {
		String location = Http.requiredProperty("fnorders.signing-key");
		try {
			String pem = Files.readString(Path.of(location));
			byte[] der = Base64.getMimeDecoder()
				.decode(pem.substring(pem.indexOf(BEGIN) + BEGIN.length(), pem.indexOf(END)));
			KeyFactory rsa = KeyFactory.getInstance("RSA");
			RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(der));
			RSAPublicKey publicKey = (RSAPublicKey) rsa
				.generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
			return new Tokens(new RSAKey.Builder(publicKey).privateKey(privateKey).keyIDFromThumbprint().build(),
					issuer);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (GeneralSecurityException | JOSEException ex) {
			throw new IllegalStateException(location + " holds no usable RSA private key", ex);
		}
	}

	/** The address a customer's token carries, and so where their e-mails go. */
	static String emailOf(String customer) {
		return customer + "@customers.fnorders.example";
	}

	/** A customer's token (one per customer, valid for an hour). */
	String customer(String customer) {
		return this.byCustomer.computeIfAbsent(customer, name -> sign(name, emailOf(name), List.of("customer")));
	}

	/** An admin's token. */
	String admin() {
		return this.byCustomer.computeIfAbsent("admin", name -> sign(name, "admin@example.com", List.of("admin")));
	}

	private String sign(String subject, String email, List<String> roles) {
		Instant now = Instant.now();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(this.issuer)
			.subject(subject)
			.issueTime(Date.from(now.minusSeconds(5)))
			.expirationTime(Date.from(now.plus(Duration.ofHours(1))))
			.jwtID(UUID.randomUUID().toString())
			.claim("email", email)
			.claim("roles", roles)
			.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(this.key.getKeyID())
			.type(JOSEObjectType.JWT)
			.build(), claims);
		try {
			jwt.sign(new RSASSASigner(this.key));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		return jwt.serialize();
	}

}
