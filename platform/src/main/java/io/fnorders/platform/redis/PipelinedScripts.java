package io.fnorders.platform.redis;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.fnorders.platform.failures.Failures;
import org.springframework.data.redis.connection.RedisPipelineException;
import org.springframework.data.redis.connection.ReturnType;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Many calls of one script in one round trip, each by its SHA ({@code EVALSHA}), pipelined.
 * <p>
 * Spring Data Redis's script executor sends a script's whole text ({@code EVAL}) inside a
 * pipeline, because it cannot fall back from a missing SHA there: for a batch of a few hundred
 * calls that is a few hundred copies of the script for Redis to read and hash. Here a batch that
 * finds the script missing (Redis restarted, or {@code SCRIPT FLUSH}) loads it once and is sent
 * again; since no call of it ran, nothing runs twice.
 */
public final class PipelinedScripts {

	private final StringRedisTemplate redis;

	public PipelinedScripts(StringRedisTemplate redis) {
		this.redis = redis;
	}

	/**
	 * Each call's reply, in order, as text (the script's result type is ignored: the caller reads
	 * the text).
	 * @throws RedisPipelineException when a call failed: its reply is then the exception, and the
	 * calls before it ran
	 */
	public List<Object> pipelined(RedisScript<?> script, List<ScriptCall> calls) {
		try {
			return run(script, calls);
		}
		catch (RedisPipelineException ex) {
			if (!isScriptMissing(ex)) {
				throw ex;
			}
			this.redis.execute((RedisCallback<String>) connection -> connection.scriptingCommands()
				.scriptLoad(script.getScriptAsString().getBytes(StandardCharsets.UTF_8)));
			return run(script, calls);
		}
	}

	private List<Object> run(RedisScript<?> script, List<ScriptCall> calls) {
		String sha = script.getSha1();
		return this.redis.executePipelined((RedisCallback<Object>) connection -> {
			for (ScriptCall call : calls) {
				connection.scriptingCommands().evalSha(sha, ReturnType.VALUE, call.keys().size(), keysAndArguments(call));
			}
			return null;
		});
	}

	private static byte[][] keysAndArguments(ScriptCall call) {
		byte[][] all = new byte[call.keys().size() + call.arguments().size()][];
		int next = 0;
		for (String key : call.keys()) {
			all[next++] = key.getBytes(StandardCharsets.UTF_8);
		}
		for (String argument : call.arguments()) {
			all[next++] = argument.getBytes(StandardCharsets.UTF_8);
		}
		return all;
	}

	/** Whether the first call already found no script of that SHA: then none of them ran. */
	private static boolean isScriptMissing(RedisPipelineException failure) {
		List<Object> replies = failure.getPipelineResult();
		Object first = replies.isEmpty() ? failure : replies.getFirst();
		return first instanceof Throwable thrown && Failures
			.find(thrown, cause -> cause.getMessage() != null && cause.getMessage().contains("NOSCRIPT"))
			.isPresent();
	}

}
