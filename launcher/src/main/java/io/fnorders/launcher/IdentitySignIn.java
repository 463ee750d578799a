package io.fnorders.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Signs in to the identity provider the way a browser and a native app do together: the login
 * form (with its CSRF token, in a cookie session), then the authorization code flow with PKCE
 * for the {@code cli} client, whose loopback redirect is never followed: the code is read from
 * the redirect itself. Signs a customer up first when asked. Used by {@code make token} and the
 * tests that act as a customer or the admin.
 */
public final class IdentitySignIn {

	static final String CLIENT_ID = "cli";

	static final String REDIRECT_URI = "http://127.0.0.1/callback";

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final SecureRandom RANDOM = new SecureRandom();

	private final URI issuer;

	/** The provider at {@code issuer} (HTTPS is trusted the JVM's way, {@code javax.net.ssl.trustStore}). */
	public IdentitySignIn(String issuer) {
		this.issuer = URI.create(issuer.endsWith("/") ? issuer : issuer + "/");
	}

	/** The tokens of a sign-in: the access token the functions take, and its ID token. */
	public record Tokens(String accessToken, String idToken, long expiresInSeconds) {
	}

	/** Why a sign-in or sign-up did not work, in words for the person who asked. */
	public static final class SignInException extends RuntimeException {

		SignInException(String message) {
			super(message);
		}

	}

	/** Creates a customer account; false when the address has one already. */
	public boolean signUp(String email, String password) {
		HttpClient browser = browser();
		String csrf = csrfOf(send(browser, get("signup")));
		HttpResponse<String> answer = send(browser, form("signup", Map.of("email", email, "password", password,
				"_csrf", csrf)));
		if (answer.statusCode() == 302) {
			return true;
		}
		if (answer.statusCode() == 409) {
			return false;
		}
		throw new SignInException("Sign-up of " + email + " refused (" + answer.statusCode() + "): "
				+ messageOf(answer.body()));
	}

	/** Signs in with the login form and runs the authorization code flow with PKCE to its tokens. */
	public Tokens signIn(String email, String password) {
		HttpClient browser = browser();
		String csrf = csrfOf(send(browser, get("login")));
		HttpResponse<String> login = send(browser,
				form("login", Map.of("username", email, "password", password, "_csrf", csrf)));
		String landing = login.headers().firstValue("Location").orElse("");
		if (login.statusCode() != 302 || landing.contains("error")) {
			throw new SignInException("The identity provider refused the e-mail address or password of " + email);
		}
		byte[] secret = new byte[32];
		RANDOM.nextBytes(secret);
		String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
		String state = Long.toHexString(RANDOM.nextLong());
		Map<String, String> query = new LinkedHashMap<>();
		query.put("response_type", "code");
		query.put("client_id", CLIENT_ID);
		query.put("redirect_uri", REDIRECT_URI);
		query.put("scope", "openid email");
		query.put("state", state);
		query.put("code_challenge", challengeOf(verifier));
		query.put("code_challenge_method", "S256");
		HttpResponse<String> authorized = send(browser, HttpRequest.newBuilder(this.issuer
			.resolve("oauth2/authorize?" + encoded(query))).header("Accept", "text/html").GET().build());
		String redirect = authorized.headers().firstValue("Location").orElse("");
		Map<String, String> answer = queryOf(redirect);
		if (!redirect.startsWith(REDIRECT_URI) || !state.equals(answer.get("state")) || !answer.containsKey("code")) {
			throw new SignInException("The identity provider gave no authorization code (" + authorized.statusCode()
					+ " " + redirect + ")");
		}
		HttpResponse<String> token = send(browser, form("oauth2/token",
				Map.of("grant_type", "authorization_code", "code", answer.get("code"), "redirect_uri", REDIRECT_URI,
						"client_id", CLIENT_ID, "code_verifier", verifier)));
		if (token.statusCode() != 200) {
			throw new SignInException("The token endpoint answered " + token.statusCode() + ": " + token.body());
		}
		JsonNode tokens = JSON.readTree(token.body());
		return new Tokens(tokens.path("access_token").asString(), tokens.path("id_token").asString(),
				tokens.path("expires_in").asLong());
	}

	private HttpClient browser() {
		return HttpClient.newBuilder()
			.cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
	}

	private HttpRequest get(String path) {
		return HttpRequest.newBuilder(this.issuer.resolve(path)).header("Accept", "text/html").GET().build();
	}

	private HttpRequest form(String path, Map<String, String> fields) {
		return HttpRequest.newBuilder(this.issuer.resolve(path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(BodyPublishers.ofString(encoded(fields)))
			.build();
	}

	private static HttpResponse<String> send(HttpClient client, HttpRequest request) {
		try {
			return client.send(request, BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The identity provider at " + request.uri().getAuthority()
					+ " cannot be reached", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	private static String csrfOf(HttpResponse<String> page) {
		Matcher matcher = CSRF.matcher(page.body());
		if (page.statusCode() != 200 || !matcher.find()) {
			throw new SignInException("The identity provider's form at " + page.uri() + " answered "
					+ page.statusCode() + " without a CSRF token");
		}
		return matcher.group(1);
	}

	private static String messageOf(String page) {
		Matcher matcher = Pattern.compile("role=\"alert\"[^>]*>([^<]+)<").matcher(page);
		return matcher.find() ? matcher.group(1).strip() : "no reason given";
	}

	private static String challengeOf(String verifier) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String encoded(Map<String, String> fields) {
		return fields.entrySet()
			.stream()
			.map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}

	private static Map<String, String> queryOf(String uri) {
		Map<String, String> query = new LinkedHashMap<>();
		int start = uri.indexOf('?');
		if (start < 0) {
			return query;
		}
		for (String pair : uri.substring(start + 1).split("&")) {
			int equals = pair.indexOf('=');
			if (equals > 0) {
				query.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
						URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
			}
		}
		return query;
	}

}
