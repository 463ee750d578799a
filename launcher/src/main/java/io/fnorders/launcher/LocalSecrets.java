package io.fnorders.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Passwords {@code make run} makes once and keeps in a directory of the data directory, one file
 * each, readable by their owner only: they survive restarts, and {@code make clean} forgets them.
 */
final class LocalSecrets {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final Path directory;

	LocalSecrets(Path directory) {
		this.directory = directory;
	}

	/** The secret called {@code name}, made at first use. */
	String get(String name) {
		Path file = this.directory.resolve(name);
		if (!Files.exists(file)) {
			write(file, random());
		}
		return read(file);
	}

	/** A new random secret: 24 bytes, in hex. */
	static String random() {
		byte[] secret = new byte[24];
		RANDOM.nextBytes(secret);
		return HexFormat.of().formatHex(secret);
	}

	/** Writes a new file readable by its owner only, and its directories. */
	static void write(Path file, String secret) {
		try {
			Files.createDirectories(file.getParent());
			Files.writeString(Files.createFile(file,
					PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))),
					secret + "\n", StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot keep a secret in " + file, ex);
		}
	}

	/** Writes {@code file} anew, readable by its owner only, whatever was there before. */
	static void replace(Path file, String secret) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot replace " + file, ex);
		}
		write(file, secret);
	}

	/** The secret a file holds, without the line end. */
	static String read(Path file) {
		try {
			return Files.readString(file, StandardCharsets.UTF_8).strip();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + file, ex);
		}
	}

}
