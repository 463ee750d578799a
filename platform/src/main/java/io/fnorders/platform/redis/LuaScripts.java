package io.fnorders.platform.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Lua scripts of the classpath, read once. A script made from a {@code Resource}
 * ({@code RedisScript.of(resource, type)}) asks that resource for its last-modified time on every
 * call, to know whether its SHA is still current; inside a Boot jar that opens the jar entry each
 * time, and it was a sixth of cart-fn's CPU under load. A script made from its text has one SHA.
 */
public final class LuaScripts {

	private LuaScripts() {
	}

	/** The script at {@code location} on the classpath, answering {@code resultType}. */
	public static <T> RedisScript<T> of(String location, Class<T> resultType) {
		return RedisScript.of(text(location), resultType);
	}

	/** The text of the script at {@code location} on the classpath. */
	public static String text(String location) {
		try {
			return new ClassPathResource(location).getContentAsString(StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read the Lua script " + location, ex);
		}
	}

}
