package io.fnorders.bench;

import org.jspecify.annotations.Nullable;

/**
 * One line of the report: a stage's figure beside its baseline from the same run.
 *
 * @param stage what was measured
 * @param unit the figure's unit
 * @param measured the stage's rounds
 * @param baselineName what the baseline is, empty when the stage has none
 * @param baseline the baseline's rounds, in the same unit
 * @param goal the goal for this stage, as words
 */
record Row(String stage, String unit, Rounds measured, String baselineName, @Nullable Rounds baseline, String goal) {

	static Row of(String stage, String unit, Rounds measured, String goal) {
		return new Row(stage, unit, measured, "", null, goal);
	}

	/** The stage's median over its baseline's; NaN without a baseline. */
	double ratio() {
		return (this.baseline == null) ? Double.NaN : this.measured.median() / this.baseline.median();
	}

}
