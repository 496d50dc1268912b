package dev.headroom.simulator.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes every file form of a comparison into one folder, so a run leaves a complete record. */
public final class ReportFiles {

  public static final String HTML = "report.html";
  public static final String JSON = "results.json";
  public static final String CSV = "results.csv";
  public static final String SERIES_CSV = "timeseries.csv";

  private ReportFiles() {}

  public static final String SWEEP_CSV = "sweep.csv";

  /**
   * As {@link #write(Path, Comparison)}, plus {@code sweep.csv}: every static limit a sweep tried,
   * so a reader can check that the static baseline was tuned.
   */
  public static Path write(Path dir, Comparison comparison, List<PolicyResult> sweep) throws IOException {
    Path html = write(dir, comparison);
    if (!sweep.isEmpty()) {
      Files.writeString(dir.resolve(SWEEP_CSV), CsvReport.summary(new Comparison("static sweep", sweep)),
          StandardCharsets.UTF_8);
    }
    return html;
  }

  /** Writes the four files into {@code dir} (created if missing) and returns the HTML report. */
  public static Path write(Path dir, Comparison comparison) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(JSON), JsonReport.render(comparison), StandardCharsets.UTF_8);
    Files.writeString(dir.resolve(CSV), CsvReport.summary(comparison), StandardCharsets.UTF_8);
    Files.writeString(
        dir.resolve(SERIES_CSV), CsvReport.timeSeries(comparison), StandardCharsets.UTF_8);
    Path html = dir.resolve(HTML);
    Files.writeString(html, Html.render(comparison), StandardCharsets.UTF_8);
    return html;
  }
}
