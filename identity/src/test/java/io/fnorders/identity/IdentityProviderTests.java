package io.fnorders.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import io.fnorders.testsupport.RealBrokers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * The provider against a real Redis: sign-up, sign-in through the login form, and the
 * authorization code flow with PKCE up to a signed JWT whose claims the functions rely on.
 */
@RealBrokers
@SpringBootTest
class IdentityProviderTests {

	private static final Path SECRETS = secretsDir();

	private static final String ISSUER = "http://identity.test:9000";

	private static final String REDIRECT = "http://127.0.0.1/callback";

	@DynamicPropertySource
	static void secrets(DynamicPropertyRegistry registry) {
		registry.add("fnorders.identity.signing-key", () -> SECRETS.resolve("signing-key.pem").toString());
		registry.add("fnorders.identity.admin-password-file", () -> SECRETS.resolve("admin-password").toString());
		registry.add("fnorders.identity.create-missing-secrets", () -> "true");
		registry.add("spring.security.oauth2.authorizationserver.issuer", () -> ISSUER);
	}

	@Autowired
	private WebApplicationContext context;

	private final JsonMapper json = JsonMapper.builder().build();

	private MockMvc mvc;

	@BeforeEach
	void mockMvc() {
		this.mvc = MockMvcBuilders.webAppContextSetup(this.context)
			.apply(SecurityMockMvcConfigurers.springSecurity())
			.build();
	}

	@Test
	void aSignedUpCustomerGetsATokenWhoseSubjectIsTheirIdAndNotTheirAddress() throws Exception {
		String email = "alice-" + UUID.randomUUID() + "@example.com";
		signUp(email, "correct horse").andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl("/login?signed-up"));

		Jwt token = decode(accessToken(email, "correct horse", PkcePair.next()));

		assertThat(token.getSubject()).matches("c[a-z2-9]{16}");
		assertThat(token.getClaimAsString("email")).isEqualTo(email);
		assertThat(token.getClaimAsStringList("roles")).containsExactly("customer");
		assertThat(token.getIssuer()).hasToString(ISSUER);
		assertThat(token.getAudience()).containsExactly("cli");
	}

	@Test
	void theAdminAccountComesFromItsSecretAndCarriesTheAdminRole() throws Exception {
		String password = Files.readString(SECRETS.resolve("admin-password")).strip();
		Jwt token = decode(accessToken("admin@example.com", password, PkcePair.next()));

		assertThat(token.getSubject()).isEqualTo("admin");
		assertThat(token.getClaimAsStringList("roles")).containsExactly("admin");
	}

	@Test
	void theGatewaysAdminCheckLetsInAdminsBySessionOrTokenAndNobodyElse() throws Exception {
		String password = Files.readString(SECRETS.resolve("admin-password")).strip();
		String email = "carol-" + UUID.randomUUID() + "@example.com";
		signUp(email, "correct horse");

		this.mvc.perform(get("/admin-check")).andExpect(status().isUnauthorized())
			.andExpect(header().string("WWW-Authenticate", containsString("Bearer")));
		this.mvc.perform(get("/admin-check").accept(MediaType.TEXT_HTML)).andExpect(status().isUnauthorized());
		this.mvc.perform(get("/admin-check").session(signIn(email, "correct horse"))).andExpect(status().isForbidden());
		this.mvc.perform(get("/admin-check").session(signIn("admin@example.com", password)))
			.andExpect(status().isNoContent());
		String customerToken = accessToken(email, "correct horse", PkcePair.next());
		this.mvc.perform(get("/admin-check").header("Authorization", "Bearer " + customerToken))
			.andExpect(status().isForbidden());
		String adminToken = accessToken("admin@example.com", password, PkcePair.next());
		this.mvc.perform(get("/admin-check").header("Authorization", "Bearer " + adminToken))
			.andExpect(status().isNoContent());
		this.mvc.perform(get("/admin-check").header("Authorization", "Bearer " + adminToken.substring(0, adminToken.length() - 4) + "AAAA"))
			.andExpect(status().isUnauthorized());
	}

	@Test
	void theLoginFormChecksThePassword() throws Exception {
		String email = "bob-" + UUID.randomUUID() + "@example.com";
		signUp(email, "correct horse");

		this.mvc.perform(formLogin().user(email).password("correct horse")).andExpect(redirectedUrl("/account"));
		this.mvc.perform(formLogin().user(email).password("wrong horse")).andExpect(redirectedUrl("/login?error"));
		this.mvc.perform(formLogin().user("nobody-" + UUID.randomUUID() + "@example.com").password("correct horse"))
			.andExpect(redirectedUrl("/login?error"));
	}

	@Test
	void aBrowserWithoutASessionIsSentToTheLoginPageWhichSaysOnlyWhatHappened() throws Exception {
		PkcePair pkce = PkcePair.next();
		this.mvc.perform(authorize(pkce).accept(MediaType.TEXT_HTML))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl("/login"));
		this.mvc.perform(get("/login"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("name=\"_csrf\"")))
			.andExpect(content().string(not(containsString("is wrong"))))
			.andExpect(content().string(not(containsString("account is ready"))));
		this.mvc.perform(get("/login?error"))
			.andExpect(content().string(containsString("The e-mail address or the password is wrong.")))
			.andExpect(content().string(not(containsString("signed out"))));
		this.mvc.perform(get("/login?signed-up"))
			.andExpect(content().string(containsString("Your account is ready")))
			.andExpect(content().string(not(containsString("is wrong"))));
	}

	@Test
	void anAuthorizationRequestWithoutPkceIsRefused() throws Exception {
		String email = "carol-" + UUID.randomUUID() + "@example.com";
		signUp(email, "correct horse");

		MvcResult refused = this.mvc.perform(get("/oauth2/authorize").queryParam("response_type", "code")
			.queryParam("client_id", "cli")
			.queryParam("redirect_uri", REDIRECT)
			.queryParam("scope", "openid email")
			.queryParam("state", "s")
			.session(signIn(email, "correct horse"))).andReturn();

		assertThat(refused.getResponse().getRedirectedUrl()).startsWith(REDIRECT).contains("error=invalid_request")
			.doesNotContain("code=");
	}

	@Test
	void aCodeIsRedeemedOnlyWithItsVerifierAndOnlyOnce() throws Exception {
		String email = "dave-" + UUID.randomUUID() + "@example.com";
		signUp(email, "correct horse");
		PkcePair pkce = PkcePair.next();
		String code = code(email, "correct horse", pkce);

		this.mvc.perform(token(code, PkcePair.next().verifier()))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("invalid_grant")));
		this.mvc.perform(token(code, pkce.verifier())).andExpect(status().isOk());
		this.mvc.perform(token(code, pkce.verifier()))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("invalid_grant")));
	}

	@Test
	void signUpRefusalsSayWhyWithTheirStatus() throws Exception {
		String email = "erin-" + UUID.randomUUID() + "@example.com";
		signUp(email, "correct horse");

		signUp(email.toUpperCase(), "another horse").andExpect(status().isConflict())
			.andExpect(content().string(containsString("exists already")));
		signUp("not an address", "correct horse").andExpect(status().isBadRequest());
		signUp("frank-" + UUID.randomUUID() + "@example.com", "short").andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("at least 8 characters and at most 72 bytes")));
		// longer than BCrypt reads: refused with the rule, not a server error
		signUp("frank-" + UUID.randomUUID() + "@example.com", "é".repeat(37)).andExpect(status().isBadRequest());
		String accented = "accented-" + UUID.randomUUID() + "@example.com";
		signUp(accented, "é".repeat(36)).andExpect(redirectedUrl("/login?signed-up"));
		this.mvc.perform(formLogin().user(accented).password("é".repeat(36))).andExpect(redirectedUrl("/account"));
		this.mvc.perform(post("/signup").param("email", "gina@example.com").param("password", "correct horse"))
			.andExpect(status().isForbidden());
	}

	@Test
	void discoveryNamesTheIssuerAndTheKeysTheFunctionsVerifyWith() throws Exception {
		String discovery = this.mvc.perform(get("/.well-known/openid-configuration"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();

		Map<?, ?> metadata = this.json.readValue(discovery, Map.class);
		assertThat(metadata.get("issuer")).isEqualTo(ISSUER);
		assertThat(metadata.get("jwks_uri")).isEqualTo(ISSUER + "/oauth2/jwks");
		assertThat(String.valueOf(metadata.get("code_challenge_methods_supported"))).contains("S256");
		assertThat(jwks().getKeys()).singleElement()
			.satisfies(key -> assertThat(key.getKeyID()).isEqualTo(SigningKey
				.load(SECRETS.resolve("signing-key.pem"), false).getKeyID()))
			.satisfies(key -> assertThat(key.isPrivate()).isFalse());
	}

	private ResultActions signUp(String email, String password) throws Exception {
		return this.mvc.perform(post("/signup").param("email", email).param("password", password).with(csrf()));
	}

	private MockHttpServletRequestBuilder authorize(PkcePair pkce) {
		return get("/oauth2/authorize").queryParam("response_type", "code")
			.queryParam("client_id", "cli")
			.queryParam("redirect_uri", REDIRECT)
			.queryParam("scope", "openid email")
			.queryParam("state", "state-1")
			.queryParam("code_challenge", pkce.challenge())
			.queryParam("code_challenge_method", "S256");
	}

	/** Signs in through the login form, as a browser does, and asks for a code in that session. */
	private String code(String email, String password, PkcePair pkce) throws Exception {
		MockHttpSession session = signIn(email, password);
		MvcResult authorized = this.mvc.perform(authorize(pkce).session(session))
			.andExpect(status().is3xxRedirection())
			.andReturn();
		String location = authorized.getResponse().getRedirectedUrl();
		assertThat(location).startsWith(REDIRECT);
		Map<String, String> query = UriComponentsBuilder.fromUriString(location).build().getQueryParams().toSingleValueMap();
		assertThat(query).containsEntry("state", "state-1");
		return query.get("code");
	}

	private MockHttpServletRequestBuilder token(String code,
			String verifier) {
		return post("/oauth2/token").contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.param("grant_type", "authorization_code")
			.param("code", code)
			.param("redirect_uri", REDIRECT)
			.param("client_id", "cli")
			.param("code_verifier", verifier);
	}

	private MockHttpSession signIn(String email, String password) throws Exception {
		MvcResult login = this.mvc.perform(formLogin().user(email).password(password))
			.andExpect(redirectedUrl("/account"))
			.andReturn();
		return (MockHttpSession) login.getRequest().getSession(false);
	}

	private String accessToken(String email, String password, PkcePair pkce) throws Exception {
		String response = this.mvc.perform(token(code(email, password, pkce), pkce.verifier()))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		Map<?, ?> tokens = this.json.readValue(response, Map.class);
		assertThat(tokens.get("token_type")).isEqualTo("Bearer");
		Jwt access = decode((String) tokens.get("access_token"));
		Jwt id = decode((String) tokens.get("id_token"));
		assertThat(id.getSubject()).isEqualTo(access.getSubject());
		assertThat(id.getClaimAsString("email")).isEqualTo(email);
		assertThat(id.getClaimAsStringList("roles")).isEqualTo(access.getClaimAsStringList("roles"));
		return (String) tokens.get("access_token");
	}

	private JWKSet jwks() throws Exception {
		return JWKSet.parse(this.mvc.perform(get("/oauth2/jwks")).andReturn().getResponse().getContentAsString());
	}

	private Jwt decode(String token) throws Exception {
		RSAKey key = (RSAKey) jwks().getKeys().getFirst();
		return NimbusJwtDecoder.withPublicKey(key.toRSAPublicKey()).build().decode(token);
	}

	private static Path secretsDir() {
		try {
			return Files.createTempDirectory("identity-secrets");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A PKCE verifier and its S256 challenge (RFC 7636). */
	record PkcePair(String verifier, String challenge) {

		private static final SecureRandom RANDOM = new SecureRandom();

		static PkcePair next() throws Exception {
			byte[] bytes = new byte[32];
			RANDOM.nextBytes(bytes);
			String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
			return new PkcePair(verifier, Base64.getUrlEncoder().withoutPadding().encodeToString(digest));
		}

	}

}
