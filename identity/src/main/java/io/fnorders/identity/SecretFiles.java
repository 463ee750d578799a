package io.fnorders.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Supplier;

/** Reads a secret from its file, or (where allowed) makes it once and keeps it readable by its owner only. */
final class SecretFiles {

	private SecretFiles() {
	}

	/**
	 * The file's content. A missing file is created with what {@code create} makes when
	 * {@code createIfMissing}; otherwise it stops the service with the file's name.
	 */
	static String read(Path file, boolean createIfMissing, Supplier<String> create) {
		try {
			if (!Files.exists(file)) {
				if (!createIfMissing) {
					throw new IllegalStateException("The secret " + file + " is missing");
				}
				write(file, create.get());
			}
			return Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the secret " + file, ex);
		}
	}

	private static void write(Path file, String content) throws IOException {
		Path parent = file.toAbsolutePath().getParent();
		Files.createDirectories(parent);
		Path temporary = Files.createTempFile(parent, ".secret", ".tmp",
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		Files.writeString(temporary, content, StandardCharsets.UTF_8);
		try {
			Files.move(temporary, file);
		}
		catch (FileAlreadyExistsException ex) {
			// another instance made it first: keep theirs
			Files.delete(temporary);
		}
	}

}
