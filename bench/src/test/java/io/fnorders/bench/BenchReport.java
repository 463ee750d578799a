package io.fnorders.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/**
 * {@code target/bench/report.md} and its chart: every stage's median beside its baseline's, the
 * ratio, the goal, and each round as measured; then each process's resident memory.
 */
final class BenchReport {

	private final List<Row> rows = new ArrayList<>();

	private final Map<String, Long> memory = new LinkedHashMap<>();

	private final List<String> notes = new ArrayList<>();

	void add(Row row) {
		this.rows.add(row);
		System.out.println("bench: " + line(row));
	}

	void memory(Map<String, Long> residentBytes) {
		this.memory.putAll(residentBytes);
	}

	void note(String note) {
		this.notes.add(note);
	}

	Path write(Path directory) {
		StringBuilder md = new StringBuilder();
		md.append("# make bench, ").append(Instant.now()).append("\n\n");
		md.append("On ").append(Runtime.getRuntime().availableProcessors())
			.append(" cores, the load generators on the same machine; each figure is the median of its rounds, ")
			.append("its baseline measured in the same run.\n\n");
		md.append("| stage | median | baseline, same run | ratio | goal | rounds |\n|---|---|---|---|---|---|\n");
		for (Row row : this.rows) {
			md.append("| ").append(row.stage()).append(" | ").append(Rounds.format(row.measured().median())).append(' ')
				.append(row.unit()).append(" | ");
			if (row.baseline() != null) {
				md.append(row.baselineName()).append(": ").append(Rounds.format(row.baseline().median())).append(' ')
					.append(row.unit());
			}
			md.append(" | ").append(Double.isNaN(row.ratio()) ? "" : String.format(Locale.ROOT, "%.3f", row.ratio()));
			md.append(" | ").append(row.goal()).append(" | ").append(row.measured().all());
			if (row.baseline() != null) {
				md.append("; baseline ").append(row.baseline().all());
			}
			md.append(" |\n");
		}
		if (!this.memory.isEmpty()) {
			md.append("\n| process | resident memory after the bench |\n|---|---|\n");
			this.memory.forEach((name, bytes) -> md.append("| ").append(name).append(" | ")
				.append(bytes / (1024 * 1024)).append(" MiB |\n"));
		}
		this.notes.forEach(note -> md.append('\n').append(note).append('\n'));
		try {
			Files.createDirectories(directory);
			Path report = directory.resolve("report.md");
			Files.writeString(report, md);
			chart(directory.resolve("ratios.png"));
			return report;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the bench report", ex);
		}
	}

	/** Each throughput stage's ratio to its baseline, as bars (latencies, where less is better, are left out). */
	private void chart(Path file) throws IOException {
		List<String> stages = new ArrayList<>();
		List<Double> ratios = new ArrayList<>();
		for (Row row : this.rows) {
			if (!Double.isNaN(row.ratio()) && row.unit().endsWith("/s")) {
				// the stage's name up to its first comma: the sizes are in the report
				stages.add(row.stage().split(", ")[0]);
				ratios.add(row.ratio());
			}
		}
		if (stages.isEmpty()) {
			return;
		}
		CategoryChart chart = new CategoryChartBuilder().width(Math.max(900, 160 * stages.size()))
			.height(560)
			.title("Each stage's throughput over its baseline's (same run, medians)")
			.yAxisTitle("ratio")
			.build();
		chart.getStyler().setLegendVisible(false);
		chart.getStyler().setXAxisLabelRotation(30);
		chart.getStyler().setLabelsVisible(true);
		chart.getStyler().setDecimalPattern("0.000");
		chart.addSeries("ratio", stages, ratios);
		BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
	}

	private static String line(Row row) {
		String line = row.stage() + ": " + Rounds.format(row.measured().median()) + " " + row.unit();
		if (row.baseline() != null) {
			line += String.format(Locale.ROOT, " vs %s %s %s (%.3f)", row.baselineName(),
					Rounds.format(row.baseline().median()), row.unit(), row.ratio());
		}
		return line + "; rounds " + row.measured().all();
	}

}
