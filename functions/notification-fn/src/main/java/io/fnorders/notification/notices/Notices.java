package io.fnorders.notification.notices;

import java.util.stream.Collectors;

import io.fnorders.events.OrderCancelled;
import io.fnorders.events.OrderConfirmed;
import io.fnorders.events.OrderPlaced;
import io.fnorders.events.OrderRejected;

/** The words of each e-mail. */
public final class Notices {

	/** The most characters of a customer's own words (a cancel reason) an e-mail quotes. */
	static final int MAX_QUOTED_LENGTH = 200;

	private Notices() {
	}

	/** A customer's words as one line of plain text, capped: no control characters, no line breaks. */
	static String plain(String text) {
		String line = text.codePoints()
			.map(point -> Character.isISOControl(point) ? ' ' : point)
			.collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
			.toString()
			.strip();
		return (line.length() <= MAX_QUOTED_LENGTH) ? line : line.substring(0, MAX_QUOTED_LENGTH - 3) + "...";
	}

	public static Notice placed(OrderPlaced order) {
		String lines = order.lines()
			.stream()
			.map(line -> "  " + line.quantity() + " x " + line.sku() + " at " + line.unitPrice().toPlainString() + " "
					+ order.currency())
			.collect(Collectors.joining("\n"));
		return new Notice(order.orderId(), order.customerId(), NoticeKind.PLACED,
				"We received your order " + order.orderId(),
				"Thank you for your order " + order.orderId() + ":\n" + lines + "\nTotal: "
						+ order.total().toPlainString() + " " + order.currency()
						+ "\nWe are reserving the items and will confirm shortly.", order.email());
	}

	public static Notice confirmed(OrderConfirmed order) {
		return new Notice(order.orderId(), order.customerId(), NoticeKind.CONFIRMED,
				"Your order " + order.orderId() + " is confirmed",
				"Every item of your order " + order.orderId() + " is reserved for you.", order.email());
	}

	public static Notice rejected(OrderRejected order) {
		return new Notice(order.orderId(), order.customerId(), NoticeKind.REJECTED,
				"We could not fulfil your order " + order.orderId(),
				"Sorry, we could not reserve your order " + order.orderId() + ": " + order.reason()
						+ ". Nothing was charged.", order.email());
	}

	public static Notice cancelled(OrderCancelled order) {
		return new Notice(order.orderId(), order.customerId(), NoticeKind.CANCELLED,
				"Your order " + order.orderId() + " is cancelled",
				"Your order " + order.orderId() + " is cancelled (" + plain(order.reason()) + ").", order.email());
	}

}
