package dev.headroom.bench.forecast;

import dev.headroom.forecaster.series.RateSeries;
import dev.headroom.forecaster.trace.Trace;
import dev.headroom.forecaster.trace.TraceFormat;
import dev.headroom.forecaster.trace.TraceOptions;
import dev.headroom.forecaster.trace.TraceReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds every row of the forecast evaluation protocol ({@code shared/FORECAST_PROTOCOL.md}) from
 * the shared datasets, exactly as the protocol prescribes, so that figures measured on them compare
 * with the protocol's baselines.
 *
 * <p>Decisions where the protocol leaves room, in its order:
 * <ul>
 *   <li>NASA: the file already holds July followed directly by August; "joined at an inferred seam"
 *       means that join is kept as it is: no gap is inserted at the seam (index
 *       {@value #NASA_SEAM_INDEX}, which SOURCES.md infers) and the blocks run from index 0 straight
 *       across it, so one block per step mixes the last July seconds with the first August ones
 *       (5 min block 7,938; 1 h block 661). The outage stays in as zeros. The series starts at
 *       1995-07-01 00:00 −0400; times after the seam are nominal (about 3.4 days early).
 *   <li>Twitter: blocks from index 0; the start is unknown, so the series starts at the epoch.
 *   <li>Both: a trailing partial block is dropped.
 *   <li>WorldCup: 5 min rows as they are; 1 h sums the twelve rows of each complete clock hour
 *       (timestamps read as UTC clock fields): 22:00 on 30 May to 21:00 on 30 June, 743 hours.
 *   <li>AWS: a 5 min grid from the first timestamp (00:04), the 8 missing steps filled on a straight
 *       line between their neighbours; 1 h sums blocks of twelve of those steps from the same
 *       anchor (00:04 to 01:04, ...), trailing partial block dropped: 336 hours.
 *   <li>Azure: requests counted per 10 s clock bin; the bins holding the first and the last request
 *       are dropped, as the recording starts and stops inside them.
 *   <li>Test window: the last 7 days when the series spans 14 days or more (AWS at 1 h spans exactly
 *       14), else the last 20% of the steps, rounded to the nearest step.
 *   <li>Origins: the test window's first step, then every day (Azure: every 10% of the series,
 *       rounded to the nearest step) while origin + longest horizon ≤ series length, that is while
 *       the longest horizon's forecast lies within the series. That gives 7 origins on every
 *       day-scale row and 2 on each Azure row.
 * </ul>
 */
public final class ProtocolTraces {

  /** Index of the first August second in the NASA file, as SOURCES.md infers it (± a few s). */
  public static final long NASA_SEAM_INDEX = 2_381_545;

  static final Instant NASA_START = Instant.parse("1995-07-01T04:00:00Z");
  static final Duration FIVE_MINUTES = Duration.ofMinutes(5);
  static final Duration HOUR = Duration.ofHours(1);
  static final Duration DAY = Duration.ofDays(1);
  static final Duration AZURE_STEP = Duration.ofSeconds(10);
  static final int AZURE_SEASON = 6;

  private ProtocolTraces() {}

  /** The nine day-scale rows, then the two Azure rows, in the protocol's order. */
  public static List<ProtocolSeries> load(Path datasetsDir) throws IOException {
    List<ProtocolSeries> rows = new ArrayList<>();

    RateSeries nasa = read(datasetsDir, "nasa-http-1995/workload.txt.gz",
        TraceOptions.defaults().withFormat(TraceFormat.COUNTS).withCounts(NASA_START,
            Duration.ofSeconds(1)), Duration.ofSeconds(1)).series();
    rows.add(dayScale("nasa", nasa.aggregate(FIVE_MINUTES)));
    rows.add(dayScale("nasa", nasa.aggregate(HOUR)));

    RateSeries twitter = read(datasetsDir, "twitter-stream-2021-08/workload.txt.gz",
        TraceOptions.defaults().withFormat(TraceFormat.COUNTS), Duration.ofSeconds(1)).series();
    rows.add(dayScale("twitter", twitter.aggregate(FIVE_MINUTES)));
    rows.add(dayScale("twitter", twitter.aggregate(HOUR)));

    RateSeries worldcup = read(datasetsDir, "worldcup98/worldcup98_5m.csv",
        TraceOptions.defaults().withValueColumn("count_raw"), FIVE_MINUTES).series();
    rows.add(dayScale("worldcup", worldcup));
    rows.add(dayScale("worldcup", worldcup.aggregateAligned(HOUR)));

    RateSeries wikipedia = read(datasetsDir,
        "wikipedia-en-hourly-2016-01/1-2016_1-2016_hourly_summary_no_clean.csv",
        TraceOptions.defaults().withValueColumn("sum_req"), HOUR).series();
    rows.add(dayScale("wikipedia", wikipedia));

    RateSeries aws = read(datasetsDir, "aws-elb-requests/elb_request_count_8c0756.csv",
        TraceOptions.defaults().withValueColumn("value"), FIVE_MINUTES).series()
        .interpolateMissing();
    rows.add(dayScale("aws", aws));
    rows.add(dayScale("aws", aws.aggregate(HOUR)));

    for (String kind : List.of("code", "conv")) {
      RateSeries bins = read(datasetsDir,
          "azure-llm-inference-2023/AzureLLMInferenceTrace_" + kind + ".csv",
          TraceOptions.defaults().withFormat(TraceFormat.REQUESTS).withTimeColumn("TIMESTAMP")
              .withStep(AZURE_STEP), null).series();
      rows.add(azure("azure-" + kind, bins.slice(1, bins.size() - 1)));
    }
    for (ProtocolSeries row : rows) {
      if (row.series().missingCount() > 0) {
        throw new IllegalStateException(row.name() + " has " + row.series().missingCount()
            + " missing values; the protocol leaves none");
      }
    }
    return List.copyOf(rows);
  }

  /** A day-scale row: season one day, horizons 1 h and 24 h, origins a day apart. */
  static ProtocolSeries dayScale(String trace, RateSeries series) {
    int perDay = stepsIn(DAY, series);
    int n = series.size();
    long spanMillis = series.stepMillis() * n;
    int test = spanMillis >= Duration.ofDays(14).toMillis() ? 7 * perDay : fifth(n);
    int[] horizons = {stepsIn(HOUR, series), perDay};
    return new ProtocolSeries(trace, series, perDay, horizons, new String[] {"1h", "24h"},
        origins(n, n - test, perDay, perDay), true);
  }

  /** An Azure row: season 6 steps, horizons 10 s, 1 min, 5 min, origins 10% of the series apart. */
  static ProtocolSeries azure(String trace, RateSeries series) {
    int n = series.size();
    int[] horizons = {1, stepsIn(Duration.ofMinutes(1), series), stepsIn(FIVE_MINUTES, series)};
    return new ProtocolSeries(trace, series, AZURE_SEASON, horizons,
        new String[] {"10s", "1m", "5m"},
        origins(n, n - fifth(n), (int) Math.round(n / 10.0), horizons[2]), false);
  }

  /**
   * Origins from {@code first}, {@code every} steps apart, while origin + {@code longest} ≤ n: the
   * longest horizon's forecast must end inside the series.
   */
  static int[] origins(int n, int first, int every, int longest) {
    if (every <= 0) {
      throw new IllegalArgumentException("origins must be at least one step apart, got " + every);
    }
    List<Integer> out = new ArrayList<>();
    for (int o = first; o + longest <= n; o += every) {
      out.add(o);
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("no origin fits: " + n + " steps, test from " + first
          + ", longest horizon " + longest);
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  /** 20% of n, to the nearest step. */
  private static int fifth(int n) {
    return (int) Math.round(n / 5.0);
  }

  private static int stepsIn(Duration d, RateSeries s) {
    if (d.toMillis() % s.stepMillis() != 0) {
      throw new IllegalArgumentException(d + " is not a whole number of " + s.step() + " steps");
    }
    return (int) (d.toMillis() / s.stepMillis());
  }

  /** Reads a dataset file, checking its native step so that a swapped file fails loudly. */
  private static Trace read(Path dir, String name, TraceOptions options, Duration nativeStep)
      throws IOException {
    Path file = dir.resolve(name);
    if (!Files.isRegularFile(file)) {
      throw new FileNotFoundException(file + ": missing from the datasets folder (see its"
          + " SOURCES.md)");
    }
    Trace trace = TraceReader.read(file, options);
    if (nativeStep != null && !nativeStep.equals(trace.nativeStep())) {
      throw new IOException(file + ": expected a " + nativeStep + " step, found "
          + trace.nativeStep());
    }
    return trace;
  }
}
