package io.fnorders.swarm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The running stack as its operator sees it: the docker CLI against the engine named by
 * {@code DOCKER_HOST}, and the project's make targets. Every command is bounded in time.
 */
final class Swarm {

	private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(5);

	private final String stack;

	private final Path project;

	Swarm(String stack, Path project) {
		this.stack = stack;
		this.project = project;
	}

	/** The Swarm name of one of the stack's services, e.g. {@code fnorders_inventory-fn}. */
	String service(String name) {
		return this.stack + "_" + name;
	}

	/** The ids of the containers of the service's running tasks on this node. */
	List<String> containers(String service) {
		return lines(docker("ps", "-q", "--filter", "label=com.docker.swarm.service.name=" + service(service)));
	}

	/** The ids of the service's tasks that Swarm wants running. */
	List<String> tasks(String service) {
		return lines(docker("service", "ps", "-q", "--filter", "desired-state=running", service(service)));
	}

	/** The addresses of the service's running tasks on the stack's backend network. */
	Set<String> backendAddresses(String service) {
		return containers(service).stream().map(this::backendAddress).collect(Collectors.toSet());
	}

	/** The container's address on the stack's backend network. */
	private String backendAddress(String container) {
		return docker("inspect", "--format",
				"{{range $name, $net := .NetworkSettings.Networks}}{{if eq $name \"" + this.stack
						+ "_backend\"}}{{$net.IPAddress}}{{end}}{{end}}",
				container)
			.strip();
	}

	/** Running/desired tasks of the service, as {@code docker service ls} shows them: "3/3". */
	String replicas(String service) {
		return docker("service", "ls", "--filter", "name=" + service(service), "--format", "{{.Replicas}}").strip();
	}

	/** The service's last update: its state (completed, updating, rollback_completed, ...) and start. */
	Update update(String service) {
		String status = docker("service", "inspect", "--format",
				"{{if .UpdateStatus}}{{.UpdateStatus.State}}|{{.UpdateStatus.StartedAt}}{{end}}", service(service))
			.strip();
		int bar = status.indexOf('|');
		return (bar < 0) ? new Update("", "") : new Update(status.substring(0, bar), status.substring(bar + 1));
	}

	/** A rolling update that replaces every task with the same specification. */
	void forceUpdate(String service) {
		docker("service", "update", "--detach", "--force", service(service));
	}

	void kill(String container) {
		docker("kill", container);
	}

	String exec(String container, String... command) {
		List<String> args = new ArrayList<>(List.of("exec", container));
		args.addAll(Arrays.asList(command));
		return docker(args.toArray(String[]::new));
	}

	/** A make target of the project, as a user runs it: {@code make scale FN=inventory N=3}. */
	String make(String... args) {
		List<String> command = new ArrayList<>(List.of("make", "--no-print-directory", "-C", this.project.toString(),
				"STACK=" + this.stack));
		command.addAll(Arrays.asList(args));
		return run(command);
	}

	String docker(String... args) {
		List<String> command = new ArrayList<>(List.of("docker"));
		command.addAll(Arrays.asList(args));
		return run(command);
	}

	private static String run(List<String> command) {
		Path output = null;
		try {
			output = Files.createTempFile("swarm-command", ".out");
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
				.redirectOutput(output.toFile())
				.start();
			if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException("still running after " + COMMAND_TIMEOUT + ": " + command);
			}
			String text = Files.readString(output, StandardCharsets.UTF_8);
			if (process.exitValue() != 0) {
				throw new IllegalStateException(command + " exited " + process.exitValue() + ": " + text.strip());
			}
			return text;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not run " + command, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted: " + command, ex);
		}
		finally {
			if (output != null) {
				output.toFile().delete();
			}
		}
	}

	record Update(String state, String startedAt) {
	}

	private static List<String> lines(String output) {
		return output.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
	}

}
