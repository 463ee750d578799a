package io.fnorders.identity;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Asked by the stack's gateway before it opens an operations tool (Prometheus, the mail catcher,
 * Grafana, Kibana) to a caller: 204 for an admin, signed in here or carrying an admin's token;
 * 401 and 403 otherwise (SecurityConfiguration decides). The gateway does not route it.
 */
@RestController
class AdminCheckController {

	static final String PATH = "/admin-check";

	@GetMapping(PATH)
	ResponseEntity<Void> admin() {
		return ResponseEntity.noContent().build();
	}

}
