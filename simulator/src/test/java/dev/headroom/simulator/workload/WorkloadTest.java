package dev.headroom.simulator.workload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.headroom.forecaster.series.RateSeries;
import dev.headroom.forecaster.trace.TraceException;
import dev.headroom.forecaster.trace.TraceOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkloadTest {

  private static final long SECOND = 1_000_000_000L;

  @TempDir
  Path dir;

  private static RateSeries constant(int intervals, long stepMillis, double count) {
    double[] v = new double[intervals];
    Arrays.fill(v, count);
    return RateSeries.ofMillis(0, stepMillis, v);
  }

  @Test
  void poissonExpansionIsDeterministicForASeed() {
    Workload w = Workload.of(constant(100, 60_000, 500), Spread.POISSON);
    assertArrayEquals(w.collect(17).timesNanos(), w.collect(17).timesNanos());
    assertFalse(Arrays.equals(w.collect(17).timesNanos(), w.collect(18).timesNanos()));
  }

  @Test
  void poissonGapsVaryLikeExponentialsAndUniformGapsAreEven() {
    RateSeries counts = constant(200, 60_000, 600);
    double poissonCv = gapCv(Workload.of(counts, Spread.POISSON).collect(1));
    double uniformCv = gapCv(Workload.of(counts, Spread.UNIFORM).collect(1));
    // Exponential gaps have a coefficient of variation of 1; 120,000 gaps pin it to about 1%.
    assertEquals(1.0, poissonCv, 0.03);
    assertEquals(0.0, uniformCv, 1e-6);
  }

  private static double gapCv(Arrivals a) {
    int n = a.size() - 1;
    double mean = (double) (a.time(n) - a.time(0)) / n;
    double sumSq = 0;
    for (int i = 0; i < n; i++) {
      double d = a.time(i + 1) - a.time(i) - mean;
      sumSq += d * d;
    }
    return Math.sqrt(sumSq / n) / mean;
  }

  @Test
  void uniformSpreadPlacesArrivalsAtSlotCentres() {
    Arrivals a = Workload.of(RateSeries.ofMillis(1000, 1000, new double[] {4, 0, 1}),
        Spread.UNIFORM).collect(0);
    assertArrayEquals(new long[] {SECOND + SECOND / 8, SECOND + 3 * SECOND / 8,
        SECOND + 5 * SECOND / 8, SECOND + 7 * SECOND / 8, 3 * SECOND + SECOND / 2},
        a.timesNanos());
  }

  @Test
  void missingIntervalsHaveNoArrivalsAndFractionalCountsKeepTheirMean() {
    Arrivals gaps = Workload.of(RateSeries.ofMillis(0, 1000, new double[] {2, Double.NaN, 3}),
        Spread.POISSON).collect(4);
    assertEquals(RateSeries.ofMillis(0, 1000, new double[] {2, 0, 3}), gaps.bin(
        Duration.ofSeconds(1)));

    int intervals = 50_000;
    Arrivals frac = Workload.of(constant(intervals, 1000, 0.25), Spread.POISSON).collect(4);
    // Each interval holds 0 or 1 arrival with p = 0.25.
    assertEquals(0.25 * intervals, frac.size(), 5 * Math.sqrt(intervals * 0.25 * 0.75));
  }

  @Test
  void perRequestTracesReplayAsTheyAreWithTheirKeys() throws IOException {
    Path p = dir.resolve("requests.csv");
    Files.writeString(p, """
        timestamp,tenant
        2025-01-07T00:00:00.250Z,b
        2025-01-07T00:00:00.100Z,a
        2025-01-07T00:00:01Z,a
        """);
    Workload w = Workload.read(p, TraceOptions.defaults(), Spread.POISSON);
    Arrivals a = w.collect(0);
    long t0 = Instant.parse("2025-01-07T00:00:00Z").getEpochSecond() * SECOND;
    assertArrayEquals(new long[] {t0 + 100_000_000, t0 + 250_000_000, t0 + SECOND},
        a.timesNanos());
    assertEquals(List.of("b", "a"), w.keys());
    assertArrayEquals(new int[] {1, 0, 1}, a.keyIds());
    assertEquals(t0 + 100_000_000, w.startNanos());
    assertEquals(t0 + SECOND + 1, w.endNanos());
  }

  @Test
  void accessLogsReplayByHostAndIntervalFilesExpand() throws IOException {
    Path log = dir.resolve("access_log");
    Files.writeString(log, """
        h1 - - [07/Jan/2025:00:00:01 +0000] "GET / HTTP/1.0" 200 1
        h2 - - [07/Jan/2025:00:00:01 +0000] "GET /" 200 -
        h1 - - [07/Jan/2025:00:00:02 +0000] "GET / HTTP/1.0" 200 1
        """);
    Workload w = Workload.read(log, TraceOptions.defaults(), Spread.POISSON);
    assertEquals(List.of("h1", "h2"), w.keys());
    assertArrayEquals(new int[] {0, 1, 0}, w.collect(0).keyIds());

    Path counts = dir.resolve("counts.csv");
    Files.writeString(counts, "timestamp,count\n2025-01-07T00:00:00Z,5\n2025-01-07T00:05:00Z,7\n");
    Workload expanded = Workload.read(counts, TraceOptions.defaults(), Spread.POISSON);
    assertEquals(List.of("all"), expanded.keys());
    Arrivals a = expanded.collect(3);
    assertEquals(12, a.size());
    assertArrayEquals(new double[] {5, 7}, a.bin(Duration.ofMinutes(5)).values());
  }

  @Test
  void badTraceLinesReachTheCallerWithFileLineAndReason() throws IOException {
    Path p = dir.resolve("broken.csv");
    Files.writeString(p, "timestamp,count\n2025-01-07T00:00:00Z,5\n2025-01-07T00:01:00Z,x\n"
        + "2025-01-07T00:02:00Z,2\n");
    TraceException e = assertThrows(TraceException.class,
        () -> Workload.read(p, TraceOptions.defaults(), Spread.POISSON));
    assertEquals(3, e.line());
    assertEquals(7, Workload.read(p, TraceOptions.defaults().withMaxBadLines(1), Spread.POISSON)
        .collect(0).size());
  }

  @Test
  void negativeCountsAreRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> Workload.of(RateSeries.ofMillis(0, 1000, new double[] {1, -1}), Spread.UNIFORM));
  }
}
