package io.fnorders.errors;

import java.util.NoSuchElementException;

/** The thing asked for does not exist. Over HTTP a 404. */
public class NotFoundException extends NoSuchElementException {

	public NotFoundException(String message) {
		super(message);
	}

}
