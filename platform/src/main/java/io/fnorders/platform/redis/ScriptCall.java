package io.fnorders.platform.redis;

import java.util.List;

/** One call of a Lua script: the keys it touches and its arguments. */
public record ScriptCall(List<String> keys, List<String> arguments) {

	public ScriptCall {
		keys = List.copyOf(keys);
		arguments = List.copyOf(arguments);
	}

}
