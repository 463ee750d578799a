package io.fnorders.swarm;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.jayway.jsonpath.JsonPath;

/** The stack's mail catcher as this machine runs it: GreenMail's REST API on its published port. */
final class MailCatcher {

	private final Http api;

	MailCatcher(int port) {
		this.api = new Http(port);
	}

	/** The subjects of every message the address received. */
	List<String> subjectsTo(String address) {
		String body = Shop.ok(this.api.get("/api/user/" + URLEncoder.encode(address, StandardCharsets.UTF_8)
				+ "/messages/"));
		return JsonPath.read(body, "$[*].subject");
	}

}
