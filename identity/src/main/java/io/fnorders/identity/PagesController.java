package io.fnorders.identity;

import java.security.Principal;

import io.fnorders.identity.accounts.Accounts;
import io.fnorders.identity.accounts.SignUpRefusedException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The login page, the customer sign-up page and the page a signed-in person lands on. */
@Controller
class PagesController {

	private final Accounts accounts;

	PagesController(Accounts accounts) {
		this.accounts = accounts;
	}

	@GetMapping("/login")
	String login() {
		return "login";
	}

	@GetMapping("/signup")
	String signUpForm(Model model) {
		model.addAttribute("minLength", Accounts.MIN_PASSWORD_LENGTH);
		return "signup";
	}

	/**
	 * A new customer account; then the login page, which carries on with the sign-in that sent
	 * them here (the saved authorization request). A refusal shows the form again with the reason,
	 * as 409 for a taken address and 400 otherwise.
	 */
	@PostMapping("/signup")
	String signUp(@RequestParam(defaultValue = "") String email, @RequestParam(defaultValue = "") String password,
			Model model, HttpServletResponse response) {
		try {
			this.accounts.signUp(email, password);
			return "redirect:/login?signed-up";
		}
		catch (SignUpRefusedException ex) {
			response.setStatus(ex.emailTaken() ? HttpStatus.CONFLICT.value() : HttpStatus.BAD_REQUEST.value());
			model.addAttribute("error", ex.getMessage());
			model.addAttribute("email", email);
			model.addAttribute("minLength", Accounts.MIN_PASSWORD_LENGTH);
			return "signup";
		}
	}

	@GetMapping("/account")
	String signedIn(Principal principal, Model model) {
		model.addAttribute("account", this.accounts.find(principal.getName()).orElse(null));
		return "home";
	}

}
