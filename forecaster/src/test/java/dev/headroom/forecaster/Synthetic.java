package dev.headroom.forecaster;

import dev.headroom.forecaster.series.RateSeries;
import java.util.Random;

/**
 * Seeded synthetic request counts for tests: a daily cycle (peak in the afternoon), a weekend dip,
 * an optional trend, and Poisson noise, at a given step.
 */
public final class Synthetic {

  private Synthetic() {}

  /** Expected requests at step t for {@code perDay} steps a day and a mean of {@code level}. */
  public static double rate(int t, int perDay, double level, double trendPerDay) {
    double day = (double) (t % perDay) / perDay;
    int weekday = (t / perDay) % 7;
    double daily = 1 + 0.6 * Math.sin(2 * Math.PI * (day - 0.35)) + 0.2 * Math.sin(4 * Math.PI * day);
    double weekly = weekday >= 5 ? 0.7 : 1.0;
    double trend = 1 + trendPerDay * t / perDay;
    return Math.max(0, level * daily * weekly * trend);
  }

  public static double[] counts(int n, int perDay, double level, double trendPerDay, long seed) {
    Random random = new Random(seed);
    double[] y = new double[n];
    for (int t = 0; t < n; t++) {
      y[t] = poisson(random, rate(t, perDay, level, trendPerDay));
    }
    return y;
  }

  public static RateSeries series(int n, int perDay, double level, long seed) {
    long step = 86_400_000L / perDay;
    return RateSeries.ofMillis(1_700_000_000_000L / step * step, step, counts(n, perDay, level, 0, seed));
  }

  /** Poisson by inversion for small means, normal approximation above 50. */
  static double poisson(Random random, double mean) {
    if (mean > 50) {
      return Math.max(0, Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
    }
    double l = Math.exp(-mean);
    double p = random.nextDouble();
    int k = 0;
    double term = l;
    double cdf = term;
    while (p > cdf && k < 1000) {
      k++;
      term *= mean / k;
      cdf += term;
    }
    return k;
  }

  /** Mean absolute error of {@code f} against {@code y[from..from + f.length)}. */
  public static double mae(double[] y, int from, double[] f) {
    double s = 0;
    for (int h = 0; h < f.length; h++) {
      s += Math.abs(y[from + h] - f[h]);
    }
    return s / f.length;
  }
}
