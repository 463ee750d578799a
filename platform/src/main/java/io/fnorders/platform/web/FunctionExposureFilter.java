package io.fnorders.platform.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.util.unit.DataSize;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gate in front of Spring Cloud Function's web adapter. Before a request can reach a function
 * it checks that the path names an exposed function or an exposed actuator endpoint (404
 * otherwise, never the adapter's fallback to {@code spring.cloud.function.definition}), that the method is one the function is exposed on
 * (405 with {@code Allow}), and that a body is JSON (415), within the size limit (413) and well
 * formed (400). Refusals are rendered by the application's exception handlers as problem+json. It
 * also keeps request headers from being echoed into the response.
 */
final class FunctionExposureFilter extends OncePerRequestFilter {

	private final FunctionExposure exposure;

	private final Supplier<List<String>> openPaths;

	private final List<String> eventStreams;

	private volatile @Nullable List<String> resolvedOpenPaths;

	private final DataSize maxBodySize;

	private final JsonMapper jsonMapper;

	private final HandlerExceptionResolver exceptionResolver;

	/**
	 * @param openPaths the exposed actuator endpoints: they pass untouched for GET and HEAD, exactly
	 * (health also with its groups below it; one ending in {@code /**} with everything below it);
	 * asked for once, on first use, when they are known
	 * @param eventStreams the functions served only as Server-Sent Events
	 */
	FunctionExposureFilter(FunctionExposure exposure, Supplier<List<String>> openPaths, List<String> eventStreams,
			DataSize maxBodySize, JsonMapper jsonMapper, HandlerExceptionResolver exceptionResolver) {
		this.exposure = exposure;
		this.openPaths = openPaths;
		this.eventStreams = List.copyOf(eventStreams);
		this.maxBodySize = maxBodySize;
		this.jsonMapper = jsonMapper;
		this.exceptionResolver = exceptionResolver;
	}

	/**
	 * Only reads of the exposed actuator endpoints bypass the gate. Anything else under them (a
	 * deeper path, another method) would fall through to Spring Cloud Function's catch-all mapping
	 * and its fallback to the broker-bound functions, so it is gated like any other path.
	 */
	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
			return false;
		}
		String path = pathOf(request);
		return openPaths().stream()
			.anyMatch(open -> path.equals(open) || (open.endsWith("/health") && path.startsWith(open + "/"))
					|| (open.endsWith("/**") && path.startsWith(open.substring(0, open.length() - 2))));
	}

	private List<String> openPaths() {
		List<String> paths = this.resolvedOpenPaths;
		if (paths == null) {
			paths = List.copyOf(this.openPaths.get());
			this.resolvedOpenPaths = paths;
		}
		return paths;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		HttpServletRequest checked;
		try {
			checked = check(request);
		}
		catch (Exception refusal) {
			if (this.exceptionResolver.resolveException(request, response, null, refusal) == null) {
				throw new ServletException(refusal);
			}
			return;
		}
		chain.doFilter(checked, new EchoFreeResponse(request, response));
	}

	private HttpServletRequest check(HttpServletRequest request) throws Exception {
		String function = FunctionExposure.functionOf(pathOf(request));
		String method = request.getMethod();
		switch (this.exposure.check(method, function)) {
			case NOT_FOUND -> throw new ProblemException(HttpStatus.NOT_FOUND,
					"No function is exposed at '" + pathOf(request) + "'");
			case METHOD_NOT_ALLOWED -> throw new HttpRequestMethodNotSupportedException(method,
					this.exposure.methodsOf(function).stream().map(Enum::name).toList());
			case ALLOWED -> {
			}
		}
		if (this.eventStreams.contains(function) && !acceptsEventStream(request)) {
			throw new ProblemException(HttpStatus.NOT_ACCEPTABLE,
					"'" + function + "' is a live stream: ask for it with 'Accept: text/event-stream'");
		}
		requireReadableQuery(request);
		if (!"POST".equals(method) && !"PUT".equals(method)) {
			return CachedBodyRequest.withoutBody(request);
		}
		MediaType json = requireJson(request);
		byte[] body = inUtf8(readBounded(request), json);
		requireWellFormed(body);
		return CachedBodyRequest.withJson(request, body);
	}

	/** Tomcat parses the query on first use and throws for a malformed one; this makes that a 400. */
	private static void requireReadableQuery(HttpServletRequest request) {
		try {
			request.getParameterMap();
		}
		catch (RuntimeException ex) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "The query string is not validly encoded");
		}
	}

	/**
	 * The body re-encoded in UTF-8 when the client named another charset ({@code ISO-8859-1},
	 * {@code latin1}, {@code UTF-16}): Spring Cloud Function reads bodies in UTF-8 only and failed
	 * on others. A charset the JVM does not know is a 415, a body that is not valid in the named
	 * one a 400.
	 */
	private static byte[] inUtf8(byte[] body, MediaType contentType) throws HttpMediaTypeNotSupportedException {
		String name = contentType.getParameter("charset");
		if (name == null) {
			return body;
		}
		Charset charset;
		try {
			charset = Charset.forName(name.replace("\"", "").strip());
		}
		catch (IllegalArgumentException ex) {
			throw new HttpMediaTypeNotSupportedException("The charset '" + abbreviate(name)
					+ "' is not supported; send the JSON in UTF-8");
		}
		if (charset.equals(StandardCharsets.UTF_8)) {
			return body;
		}
		try {
			return charset.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(body))
				.toString()
				.getBytes(StandardCharsets.UTF_8);
		}
		catch (CharacterCodingException ex) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "The body is not valid " + charset.name());
		}
	}

	private static String abbreviate(String text) {
		return (text.length() <= 40) ? text : text.substring(0, 37) + "...";
	}

	private static boolean acceptsEventStream(HttpServletRequest request) {
		String accept = request.getHeader("Accept");
		if (accept == null) {
			return false;
		}
		try {
			return MediaType.parseMediaTypes(accept).stream().anyMatch(MediaType.TEXT_EVENT_STREAM::equalsTypeAndSubtype);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private MediaType requireJson(HttpServletRequest request) throws HttpMediaTypeNotSupportedException {
		String contentType = request.getContentType();
		if (contentType == null) {
			throw new HttpMediaTypeNotSupportedException(null, List.of(MediaType.APPLICATION_JSON), null);
		}
		MediaType mediaType;
		try {
			mediaType = MediaType.parseMediaType(contentType);
		}
		catch (IllegalArgumentException ex) {
			throw new HttpMediaTypeNotSupportedException("Invalid Content-Type '" + abbreviate(contentType) + "'");
		}
		boolean json = MediaType.APPLICATION_JSON.isCompatibleWith(mediaType)
				|| "json".equals(mediaType.getSubtypeSuffix());
		if (!json) {
			throw new HttpMediaTypeNotSupportedException(mediaType, List.of(MediaType.APPLICATION_JSON), null);
		}
		return mediaType;
	}

	private byte[] readBounded(HttpServletRequest request) throws IOException {
		long limit = this.maxBodySize.toBytes();
		if (request.getContentLengthLong() > limit) {
			throw tooLarge();
		}
		try (InputStream in = request.getInputStream()) {
			byte[] body = in.readNBytes((int) limit + 1);
			if (body.length > limit) {
				throw tooLarge();
			}
			return body;
		}
	}

	private ProblemException tooLarge() {
		return new ProblemException(HttpStatus.CONTENT_TOO_LARGE,
				"The request body is larger than " + this.maxBodySize.toKilobytes() + " KB");
	}

	private void requireWellFormed(byte[] body) {
		JsonNode tree;
		try {
			tree = this.jsonMapper.readTree(body);
		}
		catch (JacksonException ex) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "Malformed JSON: " + ex.getOriginalMessage());
		}
		if (tree.isMissingNode()) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "A JSON request body is required");
		}
		if (!tree.isObject()) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "The request body must be a JSON object");
		}
	}

	private static String pathOf(HttpServletRequest request) {
		return request.getRequestURI().substring(request.getContextPath().length());
	}

}
