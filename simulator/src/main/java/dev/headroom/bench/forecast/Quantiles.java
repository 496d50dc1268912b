package dev.headroom.bench.forecast;

import java.util.Arrays;

/** Empirical quantiles, for methods that take their bounds from past errors. */
public final class Quantiles {

  private Quantiles() {}

  /**
   * The {@code q}-quantile of {@code values} by linear interpolation between order statistics
   * (Hyndman and Fan's type 7, numpy's default), so a figure here matches one computed in Python.
   */
  public static double of(double[] values, double q) {
    if (values.length == 0) {
      throw new IllegalArgumentException("quantile of no values");
    }
    if (!(q >= 0 && q <= 1)) {
      throw new IllegalArgumentException("quantile level must be in [0, 1], got " + q);
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }

  /** The median; for an even count, the mean of the two middle values. */
  public static double median(double[] values) {
    return of(values, 0.5);
  }
}
