package io.fnorders.launcher;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@code make token CUSTOMER=alice}: prints an access token of the running local stack's identity
 * provider, and nothing else on stdout, so that {@code TOKEN=$(make -s token CUSTOMER=alice)}
 * works. {@code alice} is {@code alice@example.com}: signed up at first use with a password made
 * then and kept under the data directory, signed in with it afterwards. {@code CUSTOMER=admin}
 * signs in as the admin with the password the provider made at its first start. Only for the
 * local stack, or (customers only) a Swarm stack's gateway, whose address {@code IDENTITY_URL}
 * names (a self-signed certificate is trusted the JVM's way, {@code javax.net.ssl.trustStore}).
 * Real customers sign up in the browser.
 */
public final class TokenCommand {

	private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

	private TokenCommand() {
	}

	public static void main(String[] args) {
		LocalSettings settings = LocalSettings.from(System::getenv);
		String name = (args.length > 0 ? args[0] : "").toLowerCase(Locale.ROOT);
		if (!NAME.matcher(name).matches()) {
			System.err.println("usage: make token CUSTOMER=<name> (letters, digits, '.', '_' or '-'), or CUSTOMER=admin");
			System.exit(2);
		}
		String url = System.getenv("IDENTITY_URL");
		IdentitySignIn identity = new IdentitySignIn((url == null || url.isBlank()) ? settings.identityIssuer() : url);
		try {
			IdentitySignIn.Tokens tokens;
			if (name.equals("admin")) {
				tokens = adminTokens(settings);
			}
			else {
				String email = name + "@example.com";
				Path file = settings.identityDir().resolve("customers").resolve(name + ".password");
				if (!Files.exists(file)) {
					String password = LocalSecrets.random();
					if (!identity.signUp(email, password)) {
						throw new IdentitySignIn.SignInException(email + " has an account whose password is not in "
								+ file + " (make clean forgets both)");
					}
					LocalSecrets.write(file, password);
					System.err.println("Signed up " + email + "; its password is in " + file);
				}
				tokens = identity.signIn(email, LocalSecrets.read(file));
			}
			System.err.println("Access token of " + (name.equals("admin") ? LocalStack.ADMIN_EMAIL : name + "@example.com")
					+ ", valid " + (tokens.expiresInSeconds() + 30) / 60 + " min:");
			System.out.println(tokens.accessToken());
		}
		catch (IdentitySignIn.SignInException | UncheckedIOException ex) {
			System.err.println("make token failed: " + ex.getMessage() + " (is make run running?)");
			System.exit(1);
		}
	}

	/** The local admin's access token, signed in with the password make run keeps in the data directory. */
	static String adminToken(LocalSettings settings) {
		return adminTokens(settings).accessToken();
	}

	private static IdentitySignIn.Tokens adminTokens(LocalSettings settings) {
		return new IdentitySignIn(settings.identityIssuer()).signIn(LocalStack.ADMIN_EMAIL,
				LocalSecrets.read(settings.adminPasswordFile()));
	}

}
