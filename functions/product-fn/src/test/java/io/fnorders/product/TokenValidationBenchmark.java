package io.fnorders.product;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.fnorders.testsupport.HttpFunctions;
import io.fnorders.testsupport.RealBrokers;
import io.fnorders.testsupport.TestIssuer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * {@code make bench}: what checking a bearer token adds to a call. The same open function
 * ({@code GET /product/{sku}}) is called without a token and with a valid one, which Spring
 * Security then verifies (RS256 signature, issuer, expiry, roles) before the function runs; the
 * signing keys are fetched once, so no round trip to the issuer is in it. One client, one call at
 * a time: the latency of a call, not the service's throughput (which Spring Cloud Function's
 * lookup lock caps today). Rounds alternate, the medians and their ratio are reported. Not part of {@code make test} (the name matches no test
 * pattern).
 */
@RealBrokers
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "fnorders.catalog.key-prefix=catalog-bench")
class TokenValidationBenchmark {

	private static final int ROUNDS = 5;

	private static final int CALLS_PER_ROUND = 3_000;

	private static final int CLIENTS = 1;

	@LocalServerPort
	int port;

	@Test
	void measuresTheLatencyATokenAdds() throws Exception {
		String token = TestIssuer.get().admin();
		assertThat(HttpFunctions.onPort(this.port)
			.as(token)
			.post("/saveProduct", "{\"sku\":\"BENCH-1\",\"name\":\"Mug\",\"category\":\"kitchen\",\"price\":1,\"currency\":\"EUR\"}")
			.statusCode()).isEqualTo(200);
		round(null);
		round(token);
		List<Double> anonymous = new ArrayList<>();
		List<Double> signedIn = new ArrayList<>();
		for (int round = 0; round < ROUNDS; round++) {
			anonymous.add(round(null));
			signedIn.add(round(token));
		}
		double plain = median(anonymous);
		double checked = median(signedIn);
		String report = """
				token validation (GET /product/{sku}, %d calls per round, %d clients, %d rounds, medians)
				  without a token:        %.3f ms per call, rounds %s
				  with a verified token:  %.3f ms per call, rounds %s
				  added per call: %.3f ms (%.2fx)
				""".formatted(CALLS_PER_ROUND, CLIENTS, ROUNDS, plain, rounded(anonymous), checked, rounded(signedIn),
				checked - plain, checked / plain);
		System.out.print(report);
		Path out = Path.of("target", "bench", "token-validation.txt");
		Files.createDirectories(out.getParent());
		Files.writeString(out, report);
	}

	/** Mean milliseconds per call of one round: {@value #CALLS_PER_ROUND} calls over {@value #CLIENTS} clients. */
	private double round(@Nullable String token) throws Exception {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/product/BENCH-1"));
		if (token != null) {
			builder.header("Authorization", "Bearer " + token);
		}
		HttpRequest request = builder.build();
		long[] nanos = new long[CALLS_PER_ROUND];
		try (HttpClient http = HttpClient.newHttpClient(); ExecutorService clients = Executors.newFixedThreadPool(CLIENTS)) {
			List<Future<?>> running = new ArrayList<>();
			for (int client = 0; client < CLIENTS; client++) {
				int first = client;
				running.add(clients.submit(() -> {
					for (int call = first; call < CALLS_PER_ROUND; call += CLIENTS) {
						long start = System.nanoTime();
						int status;
						try {
							status = http.send(request, BodyHandlers.discarding()).statusCode();
						}
						catch (IOException | InterruptedException ex) {
							throw new IllegalStateException(ex);
						}
						nanos[call] = System.nanoTime() - start;
						if (status != 200) {
							throw new IllegalStateException("GET /product/BENCH-1 answered " + status);
						}
					}
					return null;
				}));
			}
			for (Future<?> client : running) {
				client.get();
			}
		}
		return Arrays.stream(nanos).average().orElseThrow() / 1e6;
	}

	private static double median(List<Double> values) {
		List<Double> sorted = values.stream().sorted().toList();
		return sorted.get(sorted.size() / 2);
	}

	private static List<String> rounded(List<Double> values) {
		return values.stream().map(value -> "%.3f".formatted(value)).toList();
	}

}
