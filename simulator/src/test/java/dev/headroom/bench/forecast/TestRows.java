package dev.headroom.bench.forecast;

import dev.headroom.forecaster.series.RateSeries;
import java.time.Duration;
import java.time.Instant;

/** Small synthetic protocol rows for tests (the real ones come from the datasets). */
final class TestRows {

  static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  private TestRows() {}

  static ProtocolSeries row(String trace, Duration step, double[] values, int season, int[] horizons,
      String[] labels, int[] origins, boolean dayScale) {
    return new ProtocolSeries(trace, RateSeries.of(START, step, values), season, horizons, labels, origins, dayScale);
  }

  /** An hourly day-scale row with horizons 1 h and 24 h (1 and 24 steps) and m = 24. */
  static ProtocolSeries hourly(String trace, double[] values, int... origins) {
    return row(trace, Duration.ofHours(1), values, 24, new int[] {1, 24}, new String[] {"1h", "24h"}, origins, true);
  }

  /** 0, 1, 2, ...: seasonal naive is off by exactly m at every step, so its MASE is exactly 1. */
  static double[] ramp(int n) {
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = i;
    }
    return y;
  }

  /** A daily cycle (period m) around 100 with deterministic pseudo-noise, never negative. */
  static double[] seasonal(int n, int m, long seed) {
    java.util.Random random = new java.util.Random(seed);
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = 100 + 40 * Math.sin(2 * Math.PI * i / m) + 5 * random.nextGaussian();
    }
    return y;
  }
}
