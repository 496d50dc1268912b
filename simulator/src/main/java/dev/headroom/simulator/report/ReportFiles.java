package dev.headroom.simulator.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes every file form of a comparison into one folder, so a run leaves a complete record. */
public final class ReportFiles {

  public static final String HTML = "report.html";
  public static final String JSON = "results.json";
  public static final String CSV = "results.csv";
  public static final String SERIES_CSV = "timeseries.csv";

  private ReportFiles() {}

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
