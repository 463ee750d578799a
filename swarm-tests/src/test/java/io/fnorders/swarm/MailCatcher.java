package io.fnorders.swarm;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.jayway.jsonpath.JsonPath;

/**
 * The stack's mail catcher as this machine runs it: GreenMail's REST API, which the stack
 * publishes nowhere. Read from inside its task, as an operator on the manager would.
 */
final class MailCatcher {

	private final Swarm swarm;

	MailCatcher(Swarm swarm) {
		this.swarm = swarm;
	}

	/** The subjects of every message the address received. */
	List<String> subjectsTo(String address) {
		String body = this.swarm.exec(this.swarm.containers("mail").getFirst(), "wget", "-q", "-O", "-",
				"http://127.0.0.1:8025/api/user/" + URLEncoder.encode(address, StandardCharsets.UTF_8) + "/messages/");
		return JsonPath.read(body, "$[*].subject");
	}

}
