package io.fnorders.launcher;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads a JWT of the local identity provider and checks its signature against the provider's JWK set. */
final class IdentityProviderChecks {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private IdentityProviderChecks() {
	}

	/** The token's claims, once its RS256 signature verified with the key its {@code kid} names. */
	static JsonNode verifiedClaims(String issuer, String jwt) throws Exception {
		String[] parts = jwt.split("\\.");
		JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
		Signature rs256 = Signature.getInstance("SHA256withRSA");
		rs256.initVerify(publicKey(issuer, header.path("kid").asString()));
		rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
		if (!"RS256".equals(header.path("alg").asString()) || !rs256.verify(Base64.getUrlDecoder().decode(parts[2]))) {
			throw new AssertionError("the token's signature does not verify with " + issuer + "/oauth2/jwks");
		}
		return JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
	}

	/** The key ids the provider publishes now. */
	static String keyIds(String issuer) throws Exception {
		StringBuilder ids = new StringBuilder();
		jwks(issuer).path("keys").forEach(key -> ids.append(key.path("kid").asString()).append(' '));
		return ids.toString().strip();
	}

	private static PublicKey publicKey(String issuer, String kid) throws Exception {
		for (JsonNode key : jwks(issuer).path("keys")) {
			if (kid.equals(key.path("kid").asString())) {
				return KeyFactory.getInstance("RSA")
					.generatePublic(new RSAPublicKeySpec(integer(key.path("n").asString()),
							integer(key.path("e").asString())));
			}
		}
		throw new AssertionError("no key " + kid + " at " + issuer + "/oauth2/jwks");
	}

	private static JsonNode jwks(String issuer) throws Exception {
		try (HttpClient http = HttpClient.newHttpClient()) {
			return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(issuer + "/oauth2/jwks")).build(),
					BodyHandlers.ofString()).body());
		}
	}

	private static BigInteger integer(String base64Url) {
		return new BigInteger(1, Base64.getUrlDecoder().decode(base64Url));
	}

}
