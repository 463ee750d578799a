package io.fnorders.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import redis.embedded.RedisServer;
import org.jspecify.annotations.Nullable;

/**
 * A Redis server from the binary the embedded-redis artifact ships, with its data (append-only
 * file) under the data directory, so carts, stock and orders survive a restart, and a user of
 * its own for each service (RedisUsers), as in the stack.
 */
final class LocalRedis {

	private final LocalSettings settings;

	private @Nullable RedisServer server;

	LocalRedis(LocalSettings settings) {
		this.settings = settings;
	}

	void start() {
		Path dir = this.settings.dataDir().resolve("redis");
		try {
			Files.createDirectories(dir);
			this.server = RedisServer.newRedisServer()
				.port(this.settings.redisPort())
				.bind("127.0.0.1")
				.setting("dir " + dir)
				.setting("appendonly yes")
				.setting("save \"\"")
				.setting("aclfile " + RedisUsers.of(this.settings).writeAclFile(dir.resolve("users.acl")))
				.build();
			this.server.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start Redis on port " + this.settings.redisPort() + ": "
					+ ex.getMessage(), ex);
		}
	}

	void stop() {
		if (this.server == null) {
			return;
		}
		try {
			this.server.stop();
		}
		catch (IOException ex) {
			System.err.println("Redis did not stop cleanly: " + ex.getMessage());
		}
	}

}
