package io.fnorders.platform.web;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Which function answers on which HTTP method, read from Spring Cloud Function's own per-method
 * lists ({@code spring.cloud.function.http.GET=product;products} and so on). A function named in
 * no list is not reachable over HTTP at all; built-ins such as {@code functionRouter} and
 * {@code streamBridge} are therefore closed unless a binding names them on purpose.
 */
public final class FunctionExposure {

	/** The methods Spring Cloud Function can route to a function. */
	public enum Method {

		GET, POST, PUT, DELETE;

		static @Nullable Method of(String name) {
			for (Method method : values()) {
				if (method.name().equals(name)) {
					return method;
				}
			}
			return null;
		}

	}

	private final Map<String, Set<Method>> methodsByFunction;

	private FunctionExposure(Map<String, Set<Method>> methodsByFunction) {
		this.methodsByFunction = methodsByFunction;
	}

	/**
	 * Builds the table from the four per-method definitions, each a {@code ;}-separated list of
	 * function names (or {@code null} where the method exposes nothing).
	 */
	public static FunctionExposure of(@Nullable String get, @Nullable String post, @Nullable String put,
			@Nullable String delete) {
		Map<String, Set<Method>> table = new LinkedHashMap<>();
		add(table, Method.GET, get);
		add(table, Method.POST, post);
		add(table, Method.PUT, put);
		add(table, Method.DELETE, delete);
		table.replaceAll((name, methods) -> Collections.unmodifiableSet(methods));
		return new FunctionExposure(Collections.unmodifiableMap(table));
	}

	private static void add(Map<String, Set<Method>> table, Method method, @Nullable String definitions) {
		if (definitions == null) {
			return;
		}
		Arrays.stream(definitions.split(";"))
			.map(String::trim)
			.filter(name -> !name.isEmpty())
			.forEach(name -> table.computeIfAbsent(name, key -> EnumSet.noneOf(Method.class)).add(method));
	}

	/** The function a request path names: its first segment ({@code cart} of {@code /cart/alice}). */
	public static String functionOf(String path) {
		String trimmed = path.startsWith("/") ? path.substring(1) : path;
		int slash = trimmed.indexOf('/');
		return slash < 0 ? trimmed : trimmed.substring(0, slash);
	}

	/** Every exposed function name. */
	public Set<String> functions() {
		return this.methodsByFunction.keySet();
	}

	/** The methods a function answers on; empty when it is not exposed. */
	public Set<Method> methodsOf(String function) {
		return this.methodsByFunction.getOrDefault(function, Set.of());
	}

	/** What a request for {@code method} on {@code function} should meet. */
	public Verdict check(String httpMethod, String function) {
		Set<Method> methods = methodsOf(function);
		if (methods.isEmpty()) {
			return Verdict.NOT_FOUND;
		}
		Method method = Method.of(httpMethod);
		return (method != null && methods.contains(method)) ? Verdict.ALLOWED : Verdict.METHOD_NOT_ALLOWED;
	}

	/** The outcome of {@link #check}. */
	public enum Verdict {

		ALLOWED, NOT_FOUND, METHOD_NOT_ALLOWED

	}

}
