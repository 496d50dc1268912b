package dev.headroom.forecaster.model;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Seeded synthetic call-rate series for the Holt-Winters and period-detector tests: a daily cycle
 * (quiet night, busy afternoon), optionally a weekday/weekend effect and a linear trend, with
 * Poisson-like noise, plus helpers to punch in an outage or a flash crowd.
 */
final class HoltWintersTestSeries {

  private HoltWintersTestSeries() {}

  /**
   * {@code days} days at {@code perDay} steps a day around {@code mean} calls per step; weekends run
   * at {@code weekend} times the weekday level; {@code growthPerDay} is the relative trend.
   */
  static double[] daily(long seed, int perDay, int days, double mean, double weekend,
      double growthPerDay) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int n = perDay * days;
    double[] y = new double[n];
    for (int t = 0; t < n; t++) {
      double dayFrac = (t % perDay) / (double) perDay;
      int day = t / perDay;
      // A busy afternoon and a quiet night: 0.25x to about 1.75x the mean.
      double shape = 1 + 0.6 * Math.sin(2 * Math.PI * (dayFrac - 0.375))
          + 0.15 * Math.sin(4 * Math.PI * dayFrac);
      double week = (day % 7 >= 5) ? weekend : 1;
      double growth = 1 + growthPerDay * t / perDay;
      double mu = mean * shape * week * growth;
      // Poisson-like: the spread grows with the square root of the rate.
      y[t] = Math.max(0, Math.round(mu + Math.sqrt(mu) * gaussian(rnd)));
    }
    return y;
  }

  /** A copy of {@code y} with zeros over {@code [from, from + length)}. */
  static double[] withOutage(double[] y, int from, int length) {
    double[] out = y.clone();
    Arrays.fill(out, from, from + length, 0);
    return out;
  }

  /** A copy of {@code y} multiplied by {@code factor} over {@code [from, from + length)}. */
  static double[] withFlashCrowd(double[] y, int from, int length, double factor) {
    double[] out = y.clone();
    for (int t = from; t < from + length; t++) {
      out[t] *= factor;
    }
    return out;
  }

  /** Mean absolute error of {@code forecast} against {@code actual} starting at {@code from}. */
  static double mae(double[] actual, int from, double[] forecast) {
    double sum = 0;
    for (int h = 0; h < forecast.length; h++) {
      sum += Math.abs(actual[from + h] - forecast[h]);
    }
    return sum / forecast.length;
  }

  /** Seasonal-naive forecast from the history {@code y[0, origin)}: repeat the last cycle. */
  static double[] seasonalNaive(double[] y, int origin, int period, int horizon) {
    double[] f = new double[horizon];
    for (int h = 0; h < horizon; h++) {
      f[h] = y[origin - period + (h % period)];
    }
    return f;
  }

  /**
   * Mean absolute scaled error of {@code forecast} for {@code y[origin, origin + horizon)}, scaled by
   * the in-sample mean absolute error of the seasonal-naive forecast with {@code period}.
   */
  static double mase(double[] y, int origin, double[] forecast, int period) {
    double scale = 0;
    for (int t = period; t < origin; t++) {
      scale += Math.abs(y[t] - y[t - period]);
    }
    scale /= origin - period;
    return mae(y, origin, forecast) / scale;
  }

  private static double gaussian(SplittableRandom rnd) {
    // Box-Muller; one value per call keeps the stream simple to reason about.
    double u = 1 - rnd.nextDouble();
    double v = rnd.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}
