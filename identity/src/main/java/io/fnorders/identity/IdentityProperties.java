package io.fnorders.identity;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the provider's secrets are and how accounts are kept.
 *
 * @param signingKey the RSA private key (PKCS #8 PEM) that signs every token; a Swarm secret in the stack
 * @param adminPasswordFile the file holding the admin account's password; a Swarm secret in the stack
 * @param adminEmail the address the admin signs in with
 * @param createMissingSecrets whether a missing key or password file is generated (for {@code make run});
 * false in the stack, where a missing secret is a deployment error
 * @param keyPrefix the prefix of the provider's Redis keys
 */
@ConfigurationProperties("fnorders.identity")
record IdentityProperties(Path signingKey, Path adminPasswordFile, String adminEmail, boolean createMissingSecrets,
		String keyPrefix) {
}
