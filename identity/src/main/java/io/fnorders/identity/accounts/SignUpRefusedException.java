package io.fnorders.identity.accounts;

/** A sign-up that cannot become an account; the message says why, in words for the person signing up. */
public class SignUpRefusedException extends RuntimeException {

	private final boolean emailTaken;

	SignUpRefusedException(String message, boolean emailTaken) {
		super(message);
		this.emailTaken = emailTaken;
	}

	/** Whether the address belongs to an account already (the rest is malformed input). */
	public boolean emailTaken() {
		return this.emailTaken;
	}

}
