package dev.headroom.bench.forecast;

import dev.headroom.bench.BenchRow;
import dev.headroom.bench.Better;
import dev.headroom.forecaster.Forecaster;
import dev.headroom.forecaster.LiveForecast;
import dev.headroom.forecaster.series.RateSeries;
import dev.headroom.forecaster.trace.TraceOptions;
import dev.headroom.forecaster.trace.TraceReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The speed target at the size the engine refits: 30 days of per-minute counts (43,200
 * points, day and week seasonality) fitted, backtested and calibrated by the automatic choice in at
 * most 50 ms on one core, and one incremental update in microseconds. The series is the last 30
 * days of NASA 1995 at one minute: real, bursty, with weekends.
 */
public final class FitScale {

  static final int POINTS = 43_200;
  static final int HORIZON = 60;
  static final double FIT_TARGET_MS = 50;
  static final double UPDATE_TARGET_US = 10;
  private static final int WARMUP = 5;
  private static final int RUNS = 11;
  private static final int UPDATES = 200_000;

  private FitScale() {}

  /** The last 30 days of NASA at one-minute steps, or null when the dataset is absent. */
  public static RateSeries nasaMinutes(Path datasets) throws IOException {
    Path file = datasets.resolve("nasa-http-1995/workload.txt.gz");
    if (!Files.isRegularFile(file)) {
      return null;
    }
    RateSeries minutes = TraceReader.read(file, TraceOptions.defaults().withStep(Duration.ofMinutes(1))).series();
    return minutes.slice(minutes.size() - POINTS, minutes.size());
  }

  static List<BenchRow> rows(RateSeries series, PrintStream progress) {
    Forecaster forecaster = Forecaster.defaults();
    double[] millis = new double[RUNS];
    LiveForecast live = null;
    for (int i = 0; i < WARMUP + RUNS; i++) {
      long start = System.nanoTime();
      live = forecaster.fit(series, HORIZON);
      if (i >= WARMUP) {
        millis[i - WARMUP] = (System.nanoTime() - start) / 1e6;
      }
    }
    Arrays.sort(millis);
    double median = millis[RUNS / 2];
    progress.printf("fit at scale: %d points, median %.1f ms over %d fits (%s)%n", series.size(), median, RUNS,
        live.model());
    double[] values = series.values();
    for (int i = 0; i < UPDATES / 10; i++) { // warm-up
      live.update(values[i % values.length]);
    }
    long start = System.nanoTime();
    for (int i = 0; i < UPDATES; i++) {
      live.update(values[i % values.length]);
    }
    double micros = (System.nanoTime() - start) / 1e3 / UPDATES;
    String params = series.size() + " points at 1m (nasa, last 30 days), horizon " + HORIZON;
    return List.of(
        BenchRow.builder("headroom-auto fit+select at 43,200 points").param("series", params)
            .metric("fit_ms_median").value(round(median), "ms").target(FIT_TARGET_MS, Better.LOWER)
            .note("median of " + RUNS + " fits after " + WARMUP + " warm-up fits, one thread; chose " + live.model())
            .build(),
        BenchRow.builder("headroom-auto update per new point").param("series", params)
            .metric("update_us").value(round(micros), "us").target(UPDATE_TARGET_US, Better.LOWER)
            .note("mean of " + UPDATES + " updates of the fitted forecast")
            .build());
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
