package io.fnorders.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * A plain HTTP client for calling a function service the way a user does (no Spring test
 * client in between, so status, headers and body are exactly what goes over the wire).
 */
public final class HttpFunctions {

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String baseUrl;

	private final @Nullable String token;

	private HttpFunctions(String baseUrl, @Nullable String token) {
		this.baseUrl = baseUrl;
		this.token = token;
	}

	/** A client of the service on {@code http://localhost:<port>}, signed in as nobody. */
	public static HttpFunctions onPort(int port) {
		return new HttpFunctions("http://localhost:" + port, null);
	}

	/** A client of the service at this base URL ({@code http://host:port}), signed in as nobody. */
	public static HttpFunctions at(String baseUrl) {
		return new HttpFunctions(baseUrl, null);
	}

	/** The same client sending this access token ({@code Authorization: Bearer}). */
	public HttpFunctions as(String accessToken) {
		return new HttpFunctions(this.baseUrl, accessToken);
	}

	/** The same client signed in as nobody. */
	public HttpFunctions anonymous() {
		return new HttpFunctions(this.baseUrl, null);
	}

	public HttpResponse<String> get(String path) {
		return send(request(path).GET().build());
	}

	/** POSTs a JSON body. */
	public HttpResponse<String> post(String path, String json) {
		return send(request(path).header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(json))
			.build());
	}

	/**
	 * Calls again while the answer is 404, for at most {@code timeout}: a function that answers from
	 * a view kept from events (cart-fn's catalog) knows a new entity a moment after it was saved.
	 * @return the first answer that is not 404, or the last 404
	 */
	public static HttpResponse<String> onceFound(Supplier<HttpResponse<String>> call, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		HttpResponse<String> answer = call.get();
		while (answer.statusCode() == 404 && System.nanoTime() - deadline < 0) {
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			answer = call.get();
		}
		return answer;
	}

	/** Sends any request built on this service's base URL. */
	public HttpResponse<String> send(HttpRequest request) {
		try {
			return this.client.send(request, BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** A request builder for {@code path} on this service, with a short timeout and the token, if any. */
	public HttpRequest.Builder request(String path) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.timeout(Duration.ofSeconds(20));
		return (this.token != null) ? builder.header("Authorization", "Bearer " + this.token) : builder;
	}

}
