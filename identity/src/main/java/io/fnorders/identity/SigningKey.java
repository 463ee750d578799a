package io.fnorders.identity;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;

/**
 * The RSA key that signs the tokens, kept as a PKCS #8 PEM file (what {@code openssl genpkey
 * -algorithm RSA} writes) so that it outlives restarts and every instance signs with the same
 * key. Its id is its RFC 7638 thumbprint.
 */
final class SigningKey {

	private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";

	private static final String END = "-----END PRIVATE KEY-----";

	private SigningKey() {
	}

	static RSAKey load(Path pem, boolean createIfMissing) {
		String text = SecretFiles.read(pem, createIfMissing, SigningKey::newPem);
		try {
			int begin = text.indexOf(BEGIN);
			int end = text.indexOf(END);
			if (begin < 0 || end < begin) {
				throw new IllegalStateException(pem + " holds no PKCS #8 private key (" + BEGIN + ")");
			}
			byte[] der = Base64.getMimeDecoder().decode(text.substring(begin + BEGIN.length(), end));
			KeyFactory rsa = KeyFactory.getInstance("RSA");
			RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(der));
			RSAPublicKey publicKey = (RSAPublicKey) rsa
				.generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
			return new RSAKey.Builder(publicKey).privateKey(privateKey).keyIDFromThumbprint().build();
		}
		catch (GeneralSecurityException | ClassCastException | IllegalArgumentException | JOSEException ex) {
			throw new IllegalStateException(pem + " holds no usable RSA private key", ex);
		}
	}

	private static String newPem() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			KeyPair pair = generator.generateKeyPair();
			String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pair.getPrivate().getEncoded());
			return BEGIN + "\n" + body + "\n" + END + "\n";
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot make an RSA key", ex);
		}
	}

}
