package io.fnorders.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Redis users of {@code stack/redis/users.acl}, one per service, for the local Redis: each
 * gets a password made once under the data directory (readable by its owner only), and the ACL
 * file Redis loads names them by the SHA-256 of it. The default user, with a password of its
 * own, is the operator's (and the tests').
 */
final class RedisUsers {

	static final String OPERATOR = "default";

	private static final Pattern USER = Pattern.compile("(?m)^user\\s+(\\S+)\\s+(.+)$");

	private final Path rules;

	private final LocalSecrets passwords;

	/**
	 * @param rules the users and their rules ({@code stack/redis/users.acl})
	 * @param passwords the directory of the passwords, one file per user
	 */
	RedisUsers(Path rules, Path passwords) {
		this.rules = rules;
		this.passwords = new LocalSecrets(passwords);
	}

	static RedisUsers of(LocalSettings settings) {
		return new RedisUsers(settings.projectDir().resolve("stack/redis/users.acl"),
				settings.dataDir().resolve("redis").resolve("passwords"));
	}

	/** The services' users, as the rules name them. */
	List<String> names() {
		return users().stream().map(user -> user[0]).toList();
	}

	/** The user's password, made at first use. */
	String password(String user) {
		return this.passwords.get(user);
	}

	/** Writes the ACL file Redis loads at start: the operator, then each service's user. */
	Path writeAclFile(Path file) {
		List<String> lines = new ArrayList<>();
		lines.add("user " + OPERATOR + " on #" + sha256(password(OPERATOR)) + " ~* &* +@all");
		for (String[] user : users()) {
			lines.add("user " + user[0] + " on #" + sha256(password(user[0])) + " " + user[1]);
		}
		LocalSecrets.replace(file, String.join("\n", lines));
		return file;
	}

	private List<String[]> users() {
		try {
			Matcher user = USER.matcher(Files.readString(this.rules, StandardCharsets.UTF_8));
			List<String[]> users = new ArrayList<>();
			while (user.find()) {
				users.add(new String[] { user.group(1), user.group(2).strip() });
			}
			return users;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the Redis users of " + this.rules, ex);
		}
	}

	private static String sha256(String password) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
