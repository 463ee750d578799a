package io.fnorders.swarm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * JSON over HTTP/1.1 to the stack's gateway on this machine: HTTPS, trusting the certificate
 * this run's stack was deployed with and nothing else. No retries: a request that fails is the
 * answer the test looks at.
 */
final class Http {

	/** The gateway's HTTPS port; its plain HTTP port only redirects here. */
	static final int GATEWAY_TLS_PORT = 8443;

	static final int GATEWAY_PLAIN_PORT = 8080;

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final HttpClient client;

	private final URI base;

	private Http(URI base, HttpClient client) {
		this.base = base;
		this.client = client;
	}

	/** The gateway over HTTPS, as clients reach it. */
	static Http gateway() {
		return new Http(gatewayAddress(), HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.sslContext(trusting(Path.of(requiredProperty("fnorders.gateway-certificate"))))
			.build());
	}

	/** The gateway's plain HTTP port, whose answers are redirects; they are not followed. */
	static Http plainGateway() {
		return new Http(URI.create("http://localhost:" + GATEWAY_PLAIN_PORT), HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.followRedirects(HttpClient.Redirect.NEVER)
			.build());
	}

	/** The address clients reach the gateway on: the identity provider's issuer as well. */
	static URI gatewayAddress() {
		return URI.create("https://localhost:" + GATEWAY_TLS_PORT);
	}

	private static SSLContext trusting(Path certificate) {
		try (InputStream pem = Files.newInputStream(certificate)) {
			KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
			trusted.load(null, null);
			trusted.setCertificateEntry("gateway", CertificateFactory.getInstance("X.509").generateCertificate(pem));
			TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trust.init(trusted);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, trust.getTrustManagers(), null);
			return context;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read the gateway's certificate " + certificate, ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(certificate + " holds no usable certificate", ex);
		}
	}

	static String requiredProperty(String name) {
		String value = System.getProperty(name);
		if (value == null || value.isBlank()) {
			throw new IllegalStateException(name + " is not set: make swarm-test sets it");
		}
		return value;
	}

	HttpResponse<String> get(String path) {
		return get(path, Map.of());
	}

	HttpResponse<String> get(String path, Map<String, String> headers) {
		HttpRequest.Builder request = request(path).GET();
		headers.forEach(request::header);
		return send(request.build());
	}

	/** A POST whose path is sent exactly as written (dot segments, encoded slashes and all). */
	HttpResponse<String> postRaw(String rawPath, String json, Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + rawPath))
			.timeout(TIMEOUT)
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(json));
		headers.forEach(request::header);
		return send(request.build());
	}

	/** A request whose answer is read as it arrives (a live stream): completes once its headers have. */
	CompletableFuture<HttpResponse<InputStream>> open(String path, Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.base.resolve(path)).GET();
		headers.forEach(request::header);
		return this.client.sendAsync(request.build(), BodyHandlers.ofInputStream());
	}

	/** Drops every connection this client holds, streams among them. */
	void close() {
		this.client.shutdownNow();
	}

	HttpResponse<String> post(String path, String json, Map<String, String> headers) {
		HttpRequest.Builder request = request(path).header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(json));
		headers.forEach(request::header);
		return send(request.build());
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(this.base.resolve(path)).timeout(TIMEOUT);
	}

	private HttpResponse<String> send(HttpRequest request) {
		try {
			return this.client.send(request, BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted: " + request.uri(), ex);
		}
	}

}
