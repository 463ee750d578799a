package io.fnorders.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialDeletion;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Who may do what on the local Kafka, as in the stack: each function is a SCRAM-SHA-512 user of
 * its own name with the ACLs {@code stack/kafka/acls} grants it, and nothing else; the broker and
 * the operator (the tests, {@code make events}) are super users who sign in with PLAIN. Every
 * password is made once under the data directory.
 */
final class KafkaAccess {

	static final String BROKER = "broker";

	static final String OPERATOR = "operator";

	/** How the functions sign in. */
	static final ScramMechanism FUNCTIONS_MECHANISM = ScramMechanism.SCRAM_SHA_512;

	private static final String PLAIN_MODULE = "org.apache.kafka.common.security.plain.PlainLoginModule";

	private static final String SCRAM_MODULE = "org.apache.kafka.common.security.scram.ScramLoginModule";

	private final List<Rule> rules;

	private final LocalSecrets passwords;

	/**
	 * @param rules the principals and what each may do ({@code stack/kafka/acls})
	 * @param passwords the directory of the passwords, one file per principal
	 */
	KafkaAccess(Path rules, Path passwords) {
		this.rules = read(rules);
		this.passwords = new LocalSecrets(passwords);
	}

	static KafkaAccess of(LocalSettings settings) {
		return new KafkaAccess(settings.projectDir().resolve("stack/kafka/acls"),
				settings.dataDir().resolve("kafka").resolve("passwords"));
	}

	/** One rule of {@code stack/kafka/acls}. */
	record Rule(String principal, AclOperation operation, ResourceType resource, String name) {

		AclBinding binding() {
			return new AclBinding(new ResourcePattern(this.resource, this.name, PatternType.LITERAL),
					new AccessControlEntry("User:" + this.principal, "*", this.operation, AclPermissionType.ALLOW));
		}

	}

	/** The functions' principals, as the rules name them. */
	Set<String> principals() {
		Set<String> principals = new LinkedHashSet<>();
		rules().forEach(rule -> principals.add(rule.principal()));
		return principals;
	}

	/** Every rule, in the file's order. */
	List<Rule> rules() {
		return this.rules;
	}

	private static List<Rule> read(Path file) {
		try {
			List<Rule> rules = new ArrayList<>();
			for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
				String rule = line.replaceFirst("#.*", "").strip();
				if (rule.isEmpty()) {
					continue;
				}
				String[] fields = rule.split("\\s+");
				if (fields.length != 4) {
					throw new IllegalStateException("Not a rule (principal operation resource name): " + line);
				}
				AclOperation operation = AclOperation.fromString(fields[1]);
				ResourceType resource = ResourceType.fromString(fields[2]);
				if (operation == AclOperation.UNKNOWN || operation == AclOperation.ANY
						|| (resource != ResourceType.TOPIC && resource != ResourceType.GROUP)) {
					throw new IllegalStateException(
							"Not a rule (principal operation topic|group name; operation as Kafka names it): " + line);
				}
				rules.add(new Rule(fields[0], operation, resource, fields[3]));
			}
			return List.copyOf(rules);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the Kafka rules of " + file, ex);
		}
	}

	/** The function whose principal may write {@code topic}, if one may. */
	Optional<String> writerOf(String topic) {
		return rules().stream()
			.filter(rule -> rule.operation() == AclOperation.WRITE && rule.resource() == ResourceType.TOPIC
					&& rule.name().equals(topic))
			.map(Rule::principal)
			.findFirst();
	}

	String password(String principal) {
		return this.passwords.get(principal);
	}

	/**
	 * The broker's settings for its listeners: {@code client} takes the functions' SCRAM users
	 * and the PLAIN users broker and operator, {@code controller} the broker alone; every
	 * request is authorised by the ACLs, and what no ACL allows is refused.
	 */
	List<String> brokerSettings(String client, String controller) {
		String broker = "username=\"" + BROKER + "\" password=\"" + password(BROKER) + "\" user_" + BROKER + "=\""
				+ password(BROKER) + "\"";
		String c = "listener.name." + client.toLowerCase(Locale.ROOT) + ".";
		String k = "listener.name." + controller.toLowerCase(Locale.ROOT) + ".";
		String scram = FUNCTIONS_MECHANISM.mechanismName().toLowerCase(Locale.ROOT);
		return List.of("sasl.mechanism.inter.broker.protocol=PLAIN", "sasl.mechanism.controller.protocol=PLAIN",
				c + "sasl.enabled.mechanisms=PLAIN," + FUNCTIONS_MECHANISM.mechanismName(),
				c + "plain.sasl.jaas.config=" + PLAIN_MODULE + " required " + broker + " user_" + OPERATOR + "=\""
						+ password(OPERATOR) + "\";",
				c + scram + ".sasl.jaas.config=" + SCRAM_MODULE + " required;",
				k + "sasl.enabled.mechanisms=PLAIN",
				k + "plain.sasl.jaas.config=" + PLAIN_MODULE + " required " + broker + ";",
				"authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
				"allow.everyone.if.no.acl.found=false", "super.users=User:" + BROKER + ";User:" + OPERATOR);
	}

	/** The client settings of the operator: a super user. */
	Map<String, Object> operatorClient(String bootstrapServers) {
		Map<String, Object> client = new HashMap<>(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT", SaslConfigs.SASL_MECHANISM, "PLAIN"));
		client.put(SaslConfigs.SASL_JAAS_CONFIG, PLAIN_MODULE + " required username=\"" + OPERATOR + "\" password=\""
				+ password(OPERATOR) + "\";");
		return client;
	}

	/** The client settings of a function's principal. */
	Map<String, Object> functionClient(String function, String bootstrapServers) {
		Map<String, Object> client = new HashMap<>(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT", SaslConfigs.SASL_MECHANISM,
				FUNCTIONS_MECHANISM.mechanismName()));
		client.put(SaslConfigs.SASL_JAAS_CONFIG, scramLogin(function));
		return client;
	}

	/** How a function's process signs in to Kafka: Spring Boot's spring.kafka.* settings, which the binder takes. */
	Map<String, String> functionEnvironment(String function) {
		return Map.of("SPRING_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT", "SPRING_KAFKA_PROPERTIES_SASL_MECHANISM",
				FUNCTIONS_MECHANISM.mechanismName(), "SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG", scramLogin(function));
	}

	private String scramLogin(String function) {
		return SCRAM_MODULE + " required username=\"" + function + "\" password=\"" + password(function) + "\";";
	}

	/**
	 * Makes the broker's users and ACLs what the rules say, and nothing more: makes or renews every
	 * function's SCRAM user, grants the rules it lacks, and removes every ACL the rules do not hold
	 * and every SCRAM user they do not name (a rule taken out of the file is revoked at the next
	 * start). Running it again changes nothing.
	 */
	void grant(Admin operator, String bootstrapServers) {
		Set<String> principals = principals();
		List<AclBinding> bindings = rules().stream().map(Rule::binding).toList();
		try {
			List<UserScramCredentialAlteration> users = new ArrayList<>();
			principals.forEach(principal -> users.add(new UserScramCredentialUpsertion(principal,
					new ScramCredentialInfo(FUNCTIONS_MECHANISM, 8192), password(principal))));
			operator.describeUserScramCredentials()
				.all()
				.get(30, TimeUnit.SECONDS)
				.values()
				.stream()
				.filter(user -> !principals.contains(user.name()))
				.forEach(user -> user.credentialInfos()
					.forEach(info -> users.add(new UserScramCredentialDeletion(user.name(), info.mechanism()))));
			operator.alterUserScramCredentials(users).all().get(30, TimeUnit.SECONDS);
			// what the functions need first, then away with what the rules no longer hold
			operator.createAcls(bindings).all().get(30, TimeUnit.SECONDS);
			List<AclBindingFilter> revoked = held(operator).stream()
				.filter(binding -> !bindings.contains(binding))
				.map(AclBinding::toFilter)
				.toList();
			if (!revoked.isEmpty()) {
				operator.deleteAcls(revoked).all().get(30, TimeUnit.SECONDS);
			}
			// both reach the broker through the metadata log, a moment after the controller took them
			Waits.until("Kafka applying the functions' rules", Duration.ofSeconds(30), () -> true,
					() -> holdsExactly(operator, bindings));
			for (String principal : principals) {
				Waits.until("Kafka taking the password of " + principal, Duration.ofSeconds(30), () -> true,
						() -> signsIn(principal, bootstrapServers));
			}
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("Kafka refused the functions' users or rules", ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException("Kafka did not take the functions' users and rules within 30 s", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while granting the functions' rules", ex);
		}
	}

	private static boolean holdsExactly(Admin operator, List<AclBinding> bindings) {
		try {
			return Set.copyOf(held(operator)).equals(Set.copyOf(bindings));
		}
		catch (IllegalStateException ex) {
			return false;
		}
	}

	/** Every ACL the broker holds now. */
	private static List<AclBinding> held(Admin operator) {
		try {
			return List.copyOf(operator.describeAcls(AclBindingFilter.ANY).values().get(5, TimeUnit.SECONDS));
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Kafka did not list its ACLs", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while listing Kafka's ACLs", ex);
		}
	}

	private boolean signsIn(String principal, String bootstrapServers) {
		Map<String, Object> client = functionClient(principal, bootstrapServers);
		client.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, 5000);
		client.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
		try (Admin admin = Admin.create(client)) {
			admin.describeCluster().clusterId().get(5, TimeUnit.SECONDS);
			return true;
		}
		catch (ExecutionException | TimeoutException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/** A client settings file of the operator, for Kafka's command-line tools ({@code make events}). */
	Path writeOperatorProperties(Path file, String bootstrapServers) {
		List<String> lines = new ArrayList<>();
		operatorClient(bootstrapServers).forEach((key, value) -> lines.add(key + "=" + value));
		LocalSecrets.replace(file, String.join("\n", lines));
		return file;
	}

}
