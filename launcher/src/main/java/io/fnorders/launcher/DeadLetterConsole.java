package io.fnorders.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.Arrays;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code make dlq}: the dead letters of a topic of the running local stack, as a table, and their
 * replay. It calls the dead-letter tools every service has ({@code GET /deadLetters/<topic>},
 * {@code POST /replayDeadLetters}) on the service that produces the topic: only its Kafka principal
 * may write there and read its dead letters ({@code stack/kafka/acls}).
 */
public final class DeadLetterConsole {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final Function<String, String> serviceOf;

	private final PrintStream out;

	private final Supplier<String> adminToken;

	/**
	 * @param serviceOf the base URL of the service whose tools handle a topic
	 * @param adminToken an admin's access token: the dead-letter tools are for admins only
	 * @param out where the listing goes
	 */
	DeadLetterConsole(Function<String, String> serviceOf, Supplier<String> adminToken, PrintStream out) {
		this.serviceOf = serviceOf;
		this.adminToken = adminToken;
		this.out = out;
	}

	/**
	 * @param args the topic, then optionally what to replay: {@code all} or
	 * {@code <partition>:<offset>,...}
	 */
	public static void main(String[] args) {
		LocalSettings settings = LocalSettings.from(System::getenv);
		String override = System.getenv("DLQ_SERVICE_URL");
		Function<String, String> serviceOf = (override != null && !override.isBlank()) ? topic -> override
				: topic -> "http://localhost:" + settings.portOf(producerOf(settings, topic), 0);
		Supplier<String> adminToken = () -> TokenCommand.adminToken(settings);
		System.exit(new DeadLetterConsole(serviceOf, adminToken, System.out).run(args));
	}

	/** The function that produces a topic, as the Kafka rules say; inventory-fn for a name none writes. */
	static String producerOf(LocalSettings settings, String topic) {
		return KafkaAccess.of(settings).writerOf(topic).orElse("inventory-fn");
	}

	/** Lists or replays as the arguments say; returns the exit status. */
	int run(String... args) {
		if (args.length < 1 || args.length > 2) {
			System.err.println("usage: make dlq TOPIC=<orders|order-status|stock|products> [REPLAY=all|<partition>:<offset>,...]");
			return 2;
		}
		try {
			return (args.length == 1) ? list(args[0]) : replay(args[0], args[1]);
		}
		catch (IOException ex) {
			System.err.println(ex.getMessage());
			return 1;
		}
		catch (IdentitySignIn.SignInException | UncheckedIOException ex) {
			System.err.println("make dlq could not sign in as the admin: " + ex.getMessage() + " (is make run up?)");
			return 1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return 1;
		}
	}

	private int list(String topic) throws IOException, InterruptedException {
		HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(this.serviceOf.apply(topic) + "/deadLetters/" + topic)).GET());
		if (answer.statusCode() != 200) {
			return refused(answer);
		}
		JsonNode listing = JSON.readTree(answer.body());
		JsonNode letters = listing.path("deadLetters");
		this.out.printf("%d dead letter(s) of %s%s%n", letters.size(), topic,
				listing.path("truncated").asBoolean() ? " (the first ones; there are more)" : "");
		if (!letters.isEmpty()) {
			this.out.printf("%-10s %-38s %-16s %-16s %-7s %-24s %s%n", "POSITION", "KEY", "TYPE", "GROUP", "REPLAYS",
					"DEAD-LETTERED", "ERROR");
		}
		for (JsonNode letter : letters) {
			this.out.printf("%-10s %-38s %-16s %-16s %-7d %-24s %s%n",
					letter.path("partition").asInt() + ":" + letter.path("offset").asLong(), text(letter, "key"),
					text(letter, "type"), text(letter, "group"), letter.path("replays").asInt(),
					text(letter, "deadLetteredAt"), text(letter, "error"));
		}
		return 0;
	}

	private int replay(String topic, String which) throws IOException, InterruptedException {
		ObjectNode request = JSON.createObjectNode().put("topic", topic);
		if ("all".equals(which)) {
			request.put("all", true);
		}
		else {
			List<String> positions = Arrays.stream(which.split(",")).map(String::strip).filter(p -> !p.isEmpty()).toList();
			positions.forEach(request.putArray("records")::add);
		}
		HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(this.serviceOf.apply(topic) + "/replayDeadLetters"))
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(JSON.writeValueAsString(request))));
		if (answer.statusCode() != 200) {
			return refused(answer);
		}
		this.out.printf("replayed %d dead letter(s) of %s to %s%n", JSON.readTree(answer.body()).path("replayed").asInt(),
				topic, topic);
		return 0;
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		try {
			return this.http.send(request.timeout(Duration.ofSeconds(60))
				.header("Authorization", "Bearer " + this.adminToken.get())
				.build(), BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IOException("No service answers at " + request.build().uri() + " (is make run up? DLQ_SERVICE_URL "
					+ "names another)", ex);
		}
	}

	private static int refused(HttpResponse<String> answer) {
		String detail = answer.body();
		try {
			detail = JSON.readTree(answer.body()).path("detail").asString(answer.body());
		}
		catch (RuntimeException ex) {
			// not a problem document: show it as it came
		}
		System.err.println(answer.statusCode() + ": " + detail);
		return 1;
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.path(field);
		return value.isNull() || value.isMissingNode() ? "-" : value.asString();
	}

}
