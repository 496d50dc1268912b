package dev.headroom.forecaster.trace;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How to read a trace. Start from {@link #defaults()} and change what the file needs.
 *
 * @param format      the file's shape, or null to detect it (see {@link TraceReader})
 * @param step        output step, or null for the native one (the step of the rows, the counts
 *                    step, or one second for per-request files)
 * @param countsStart instant of the first value of a {@link TraceFormat#COUNTS} file, which records
 *                    none; default the epoch, so that the series' times are plainly nominal
 * @param countsStep  step of a {@link TraceFormat#COUNTS} file; default one second
 * @param timeColumn  header name (or JSON field) of the timestamp, or null to detect it
 * @param valueColumn header name (or JSON field) of the count of an interval file, or null to
 *                    detect it
 * @param keyColumn   header name (or JSON field) of the request key or tenant, or null to use a
 *                    column named {@code key} or {@code tenant} when there is one
 * @param maxBadLines bad lines to skip before failing; default 0
 */
public record TraceOptions(
    TraceFormat format, Duration step, Instant countsStart, Duration countsStep,
    String timeColumn, String valueColumn, String keyColumn, int maxBadLines) {

  public TraceOptions {
    Objects.requireNonNull(countsStart, "countsStart");
    Objects.requireNonNull(countsStep, "countsStep");
    if (step != null && (step.isNegative() || step.isZero() || step.toNanos() % 1_000_000 != 0)) {
      throw new IllegalArgumentException("step must be a positive whole number of ms, got " + step);
    }
    if (countsStep.isNegative() || countsStep.isZero() || countsStep.toNanos() % 1_000_000 != 0) {
      throw new IllegalArgumentException(
          "countsStep must be a positive whole number of ms, got " + countsStep);
    }
    if (maxBadLines < 0) {
      throw new IllegalArgumentException("maxBadLines must be >= 0, got " + maxBadLines);
    }
  }

  /** Detect everything, native step, counts from the epoch at one per second, no bad lines. */
  public static TraceOptions defaults() {
    return new TraceOptions(null, null, Instant.EPOCH, Duration.ofSeconds(1), null, null, null, 0);
  }

  public TraceOptions withFormat(TraceFormat f) {
    return new TraceOptions(f, step, countsStart, countsStep, timeColumn, valueColumn, keyColumn,
        maxBadLines);
  }

  public TraceOptions withStep(Duration s) {
    return new TraceOptions(format, s, countsStart, countsStep, timeColumn, valueColumn, keyColumn,
        maxBadLines);
  }

  public TraceOptions withCounts(Instant start, Duration step) {
    return new TraceOptions(format, this.step, start, step, timeColumn, valueColumn, keyColumn,
        maxBadLines);
  }

  public TraceOptions withTimeColumn(String name) {
    return new TraceOptions(format, step, countsStart, countsStep, name, valueColumn, keyColumn,
        maxBadLines);
  }

  public TraceOptions withValueColumn(String name) {
    return new TraceOptions(format, step, countsStart, countsStep, timeColumn, name, keyColumn,
        maxBadLines);
  }

  public TraceOptions withKeyColumn(String name) {
    return new TraceOptions(format, step, countsStart, countsStep, timeColumn, valueColumn, name,
        maxBadLines);
  }

  public TraceOptions withMaxBadLines(int n) {
    return new TraceOptions(format, step, countsStart, countsStep, timeColumn, valueColumn,
        keyColumn, n);
  }
}
