package dev.headroom.forecaster.trace;

import dev.headroom.forecaster.series.RateSeries;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A trace as read: the series at the asked step and, for per-request files, the requests
 * themselves, with an account of what was skipped.
 *
 * @param file            the file read
 * @param format          its shape, as detected or as forced
 * @param nativeStep      the file's own step: the most common gap between rows for interval files,
 *                        the counts step for counts files, null for per-request files
 * @param series          counts at the asked step (the native one when none was asked);
 *                        NaN where the file has no row for an interval
 * @param requests        the requests of a per-request file, sorted; empty for other formats
 * @param skippedLines    bad lines skipped (at most {@link TraceOptions#maxBadLines()})
 * @param skippedExamples messages of the first few skipped lines ({@code file:line: reason})
 */
public record Trace(
    Path file, TraceFormat format, Duration nativeStep, RateSeries series,
    Optional<RequestEvents> requests, int skippedLines, List<String> skippedExamples) {

  public Trace {
    skippedExamples = List.copyOf(skippedExamples);
  }
}
