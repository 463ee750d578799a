package io.fnorders.bench;

import java.time.Duration;

import io.fnorders.testsupport.HttpFunctions;

/**
 * {@code GET /product/{sku}} through Spring Cloud Function's web adapter, beside the same bean behind
 * a plain Spring MVC handler in the same product-fn (its bench baseline handler) and beside Redis
 * itself, each at the same concurrency. The two HTTP paths take turns, round by round, so a noisy
 * moment of the machine falls on both.
 */
final class CatalogStage {

	static final int CONNECTIONS = 32;

	private final String productFn;

	private final String redisUri;

	private final Duration warmUp;

	private final Duration round;

	private final int rounds;

	CatalogStage(String productFn, String redisUri, Duration warmUp, Duration round, int rounds) {
		this.productFn = productFn;
		this.redisUri = redisUri;
		this.warmUp = warmUp;
		this.round = round;
		this.rounds = rounds;
	}

	void run(HttpFunctions admin, BenchReport report) {
		String sku = "BENCH-MUG";
		var saved = admin.post("/saveProduct", """
				{"sku":"%s","name":"Bench mug","description":"A mug to read","category":"kitchen","price":9.50,"currency":"EUR"}"""
			.formatted(sku));
		if (saved.statusCode() != 200) {
			throw new IllegalStateException("Saving the bench's product failed: " + saved.body());
		}
		String function = this.productFn + "/product/" + sku;
		String plain = this.productFn + "/bench-baseline/product/" + sku;
		Wrk.warmUp(function, CONNECTIONS, this.warmUp);
		Wrk.warmUp(plain, CONNECTIONS, this.warmUp);
		Rounds functionRate = new Rounds();
		Rounds functionP99 = new Rounds();
		Rounds plainRate = new Rounds();
		Rounds plainP99 = new Rounds();
		Rounds redis = new Rounds();
		for (int i = 0; i < this.rounds; i++) {
			Wrk.Result viaFunction = Wrk.run(function, CONNECTIONS, this.round);
			functionRate.add(viaFunction.requestsPerSecond());
			functionP99.add(viaFunction.p99Millis());
			Wrk.Result viaPlain = Wrk.run(plain, CONNECTIONS, this.round);
			plainRate.add(viaPlain.requestsPerSecond());
			plainP99.add(viaPlain.p99Millis());
			redis.add(RedisBaseline.getsPerSecond(this.redisUri, CONNECTIONS, 200_000));
		}
		report.add(new Row("GET /product/{sku}, 32 connections", "req/s", functionRate,
				"same bean, plain MVC handler", plainRate, "≥ 20,000 req/s and ≥ 0.9× the plain handler"));
		report.add(new Row("GET /product/{sku}, p99", "ms", functionP99, "plain MVC handler p99", plainP99,
				"≤ 10 ms"));
		report.add(new Row("GET /product/{sku} over Redis GET", "req/s", functionRate, "Redis GET (redis-benchmark)",
				redis, "(the floor under a catalog read)"));
	}

}
