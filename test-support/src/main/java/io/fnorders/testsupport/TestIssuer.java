package io.fnorders.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;

/**
 * A stand-in OpenID Connect issuer for the function services' tests: it serves a discovery
 * document and its signing keys over HTTP on a loopback port, exactly what a service reads from a
 * real issuer, and signs the tokens a test sends. One per JVM, started on first use; every
 * service a test starts trusts it ({@link TestIssuerProperties}). It can be stopped and started
 * again, on the same port and with the same keys, to cause an issuer outage.
 */
public final class TestIssuer {

	private static final TestIssuer INSTANCE = new TestIssuer();

	private final RSAKey key;

	private final RSAKey strangerKey;

	private final int port;

	private @Nullable HttpServer server;

	private TestIssuer() {
		this.key = rsaKey("test-issuer");
		this.strangerKey = rsaKey("test-issuer");
		this.port = start(0);
	}

	/** The issuer of this JVM, running. */
	public static TestIssuer get() {
		return INSTANCE;
	}

	/** The issuer identifier: the {@code iss} of its tokens and the services' {@code issuer-uri}. */
	public String uri() {
		return "http://localhost:" + this.port;
	}

	/** A customer's access token: {@code sub} the id, an e-mail address, role {@code customer}. */
	public String customer(String customerId) {
		return token(customerId, customerId + "@customers.test", List.of("customer"), Duration.ofMinutes(10), this.key);
	}

	/** An admin's access token (subject {@code admin}, role {@code admin}). */
	public String admin() {
		return token("admin", "admin@shop.test", List.of("admin"), Duration.ofMinutes(10), this.key);
	}

	/** A token with these claims; a null e-mail leaves the claim out. */
	public String token(String subject, @Nullable String email, List<String> roles, Duration lifetime) {
		return token(subject, email, roles, lifetime, this.key);
	}

	/** A customer token that expired a minute ago. */
	public String expired(String customerId) {
		return token(customerId, customerId + "@customers.test", List.of("customer"), Duration.ofMinutes(-1), this.key);
	}

	/** A customer token signed with a key the issuer does not publish (under the same key id). */
	public String forged(String customerId) {
		return token(customerId, customerId + "@customers.test", List.of("customer"), Duration.ofMinutes(10),
				this.strangerKey);
	}

	/** Stops answering, as an issuer that is down. */
	public synchronized void stop() {
		if (this.server != null) {
			this.server.stop(0);
			this.server = null;
		}
	}

	/** Answers again, on the same port. */
	public synchronized void restart() {
		if (this.server == null) {
			start(this.port);
		}
	}

	private String token(String subject, @Nullable String email, List<String> roles, Duration lifetime, RSAKey signer) {
		Instant expires = Instant.now().plus(lifetime);
		// issued before it expires, also when it expired already
		Instant issued = lifetime.isNegative() ? expires.minus(Duration.ofMinutes(10)) : Instant.now().minusSeconds(5);
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(uri())
			.subject(subject)
			.issueTime(Date.from(issued))
			.notBeforeTime(Date.from(issued))
			.expirationTime(Date.from(expires))
			.jwtID(UUID.randomUUID().toString())
			.claim("roles", roles);
		if (email != null) {
			claims.claim("email", email);
		}
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signer.getKeyID())
			.type(JOSEObjectType.JWT)
			.build(), claims.build());
		try {
			jwt.sign(new RSASSASigner(signer));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		return jwt.serialize();
	}

	private synchronized int start(int onPort) {
		try {
			HttpServer started = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 0);
			started.createContext("/.well-known/openid-configuration", exchange -> answer(exchange, discovery()));
			started.createContext("/jwks", exchange -> answer(exchange,
					new JWKSet(this.key.toPublicJWK()).toString(true)));
			started.start();
			this.server = started;
			return started.getAddress().getPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private String discovery() {
		return """
				{"issuer":"%1$s","jwks_uri":"%1$s/jwks","authorization_endpoint":"%1$s/authorize",\
				"token_endpoint":"%1$s/token","response_types_supported":["code"],\
				"subject_types_supported":["public"],"id_token_signing_alg_values_supported":["RS256"]}"""
			.formatted(uri());
	}

	private static void answer(HttpExchange exchange, String json) throws IOException {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	private static RSAKey rsaKey(String keyId) {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			KeyPair pair = generator.generateKeyPair();
			return new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
				.keyID(keyId)
				.build();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
