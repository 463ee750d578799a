package io.fnorders.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The figures of a measurement's rounds, reported as their median. */
final class Rounds {

	private final List<Double> values = new ArrayList<>();

	/** One figure worked out from others (a median of medians), as a single round. */
	static Rounds of(double value) {
		Rounds one = new Rounds();
		one.add(value);
		return one;
	}

	void add(double value) {
		this.values.add(value);
	}

	/** The middle value (the mean of the two middle ones of an even count). */
	double median() {
		if (this.values.isEmpty()) {
			throw new IllegalStateException("no rounds measured");
		}
		List<Double> sorted = this.values.stream().sorted().toList();
		int middle = sorted.size() / 2;
		return (sorted.size() % 2 == 1) ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
	}

	int count() {
		return this.values.size();
	}

	/** Every round's figure, as measured, for the report. */
	String all() {
		return this.values.stream().map(Rounds::format).collect(Collectors.joining(", "));
	}

	static String format(double value) {
		if (value >= 100) {
			return String.format(Locale.ROOT, "%,.0f", value);
		}
		return String.format(Locale.ROOT, (value >= 10) ? "%.1f" : "%.2f", value);
	}

}
