package dev.headroom.cli;

import dev.headroom.forecaster.trace.Trace;
import dev.headroom.forecaster.trace.TraceFormat;
import dev.headroom.forecaster.trace.TraceOptions;
import dev.headroom.forecaster.trace.TraceReader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import picocli.CommandLine.Option;

/** How to read a trace file; shared by the commands that take {@code --trace}. */
public final class TraceInput {

  @Option(names = "--format", paramLabel = "FORMAT",
      description = "Trace format: ${COMPLETION-CANDIDATES} (default: detected from the file).")
  TraceFormat format;

  @Option(names = "--counts-start", paramLabel = "INSTANT",
      description = "Time of the first value of a counts file (one number per second, no timestamps), "
          + "ISO-8601 such as 1995-07-01T04:00:00Z (default: the epoch).")
  Instant countsStart;

  @Option(names = "--time-column", paramLabel = "NAME", description = "Timestamp column or JSON field (default: detected).")
  String timeColumn;

  @Option(names = "--value-column", paramLabel = "NAME",
      description = "Count column of an interval file, such as sum_req (default: detected).")
  String valueColumn;

  @Option(names = "--max-bad-lines", paramLabel = "N", defaultValue = "0",
      description = "Bad lines to skip (each is reported) before failing (default: ${DEFAULT-VALUE}).")
  int maxBadLines;

  /** Reads {@code file} at {@code step} (null: the file's own step). */
  public Trace read(Path file, Duration step) throws IOException {
    TraceOptions options = TraceOptions.defaults().withMaxBadLines(maxBadLines);
    if (format != null) {
      options = options.withFormat(format);
    }
    if (countsStart != null) {
      options = options.withCounts(countsStart, Duration.ofSeconds(1));
    }
    if (timeColumn != null) {
      options = options.withTimeColumn(timeColumn);
    }
    if (valueColumn != null) {
      options = options.withValueColumn(valueColumn);
    }
    if (step != null) {
      options = options.withStep(step);
    }
    return TraceReader.read(file, options);
  }
}
