package dev.headroom.forecaster.select;

import dev.headroom.forecaster.model.Robust;
import java.util.Arrays;

/**
 * Upper quantiles from backtest errors, so that a P90 bound is exceeded by about 10% of future
 * points: limits are set from these bounds, so they must mean what they say.
 *
 * <p>An error {@code e = y - f} is first divided by {@code (f + c)^kappa}: request counts spread
 * more at the peak than at night, Poisson-like ({@code kappa = 1/2}) for small counts and
 * proportionally ({@code kappa = 1}) for large ones. Kappa is the one of {0, 1/2, 1} that makes
 * the spread of low and high forecasts most alike. Then by {@code s_h}, the mean absolute scaled
 * error at horizon step h (smoothed over neighbouring steps and never decreasing with h). The
 * remaining unit-free errors of all steps and origins are pooled, which gives enough of them for a
 * P99, and their empirical quantiles {@code q} give the bound {@code f + q s_h (f + c)^kappa}.
 */
public final class Calibration {

  private static final double[] KAPPAS = {0, 0.5, 1};

  private final double kappa;
  private final double c;
  private final double[] s;
  private final double q50;
  private final double q90;
  private final double q99;

  private Calibration(double kappa, double c, double[] s, double q50, double q90, double q99) {
    this.kappa = kappa;
    this.c = c;
    this.s = s;
    this.q50 = q50;
    this.q90 = q90;
    this.q99 = q99;
  }

  /** Calibrates on the origins in {@code [fromOrigin, toOrigin)} of the plan's backtest forecasts. */
  public static Calibration fit(Backtest bt, double[][] f, int fromOrigin, int toOrigin, double level) {
    int horizon = bt.horizon();
    double c = Math.max(1e-9, 0.05 * level);
    double kappa = chooseKappa(bt, f, fromOrigin, toOrigin, c);
    double[] sum = new double[horizon];
    int[] count = new int[horizon];
    for (int o = fromOrigin; o < toOrigin; o++) {
      for (int h = 0; h < horizon; h++) {
        if (bt.observed(o, h)) {
          sum[h] += Math.abs(bt.actual(o, h) - f[o][h]) / scale(f[o][h], c, kappa);
          count[h]++;
        }
      }
    }
    double[] s = smooth(sum, count);
    // Quantiles of each half of the origins, the larger kept: traffic drifts, and a bound should
    // hold in the calmer and the rougher part of the recent past alike.
    int mid = (fromOrigin + toOrigin) / 2;
    double[] q = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
    int[][] halves = mid > fromOrigin ? new int[][] {{fromOrigin, mid}, {mid, toOrigin}} : new int[][] {{fromOrigin, toOrigin}};
    for (int[] half : halves) {
      double[] u = normalised(bt, f, half[0], half[1], c, kappa, s);
      if (u.length == 0) {
        continue;
      }
      q[0] = Math.max(q[0], quantile(u, 0.5));
      q[1] = Math.max(q[1], quantile(u, 0.9));
      q[2] = Math.max(q[2], quantile(u, 0.99));
    }
    for (int i = 0; i < 3; i++) {
      q[i] = Double.isInfinite(q[i]) ? 0 : q[i];
    }
    return new Calibration(kappa, c, s, q[0], q[1], q[2]);
  }

  /** Sorted errors of the observed points of origins [from, to), divided by level and step scale. */
  private static double[] normalised(Backtest bt, double[][] f, int from, int to, double c, double kappa,
      double[] s) {
    int horizon = bt.horizon();
    double[] u = new double[(to - from) * horizon];
    int k = 0;
    for (int o = from; o < to; o++) {
      for (int h = 0; h < horizon; h++) {
        if (bt.observed(o, h)) {
          u[k++] = (bt.actual(o, h) - f[o][h]) / (scale(f[o][h], c, kappa) * s[h]);
        }
      }
    }
    u = Arrays.copyOf(u, k);
    Arrays.sort(u);
    return u;
  }

  /**
   * Bounds from in-sample errors alone (seasonal-naive differences, say) when the series is too
   * short for a backtest: the same bound at every step, wider than it looks, and the forecast's
   * notes say so.
   */
  public static Calibration ofErrors(double[] errors) {
    double[] u = errors.clone();
    Arrays.sort(u);
    double[] s = {1};
    return new Calibration(0, 1, s, quantile(u, 0.5), quantile(u, 0.9), quantile(u, 0.99));
  }

  private static double chooseKappa(Backtest bt, double[][] f, int from, int to, double c) {
    double[] levels = new double[(to - from) * bt.horizon()];
    int k = 0;
    for (int o = from; o < to; o++) {
      for (int h = 0; h < bt.horizon(); h++) {
        levels[k++] = f[o][h];
      }
    }
    double median = Robust.median(Arrays.copyOf(levels, k));
    double best = 0.5;
    double bestGap = Double.POSITIVE_INFINITY;
    for (double kappa : KAPPAS) {
      double lowSum = 0;
      double highSum = 0;
      int low = 0;
      int high = 0;
      for (int o = from; o < to; o++) {
        for (int h = 0; h < bt.horizon(); h++) {
          if (!bt.observed(o, h)) {
            continue;
          }
          double z = Math.abs(bt.actual(o, h) - f[o][h]) / scale(f[o][h], c, kappa);
          if (f[o][h] <= median) {
            lowSum += z;
            low++;
          } else {
            highSum += z;
            high++;
          }
        }
      }
      if (low == 0 || high == 0 || lowSum == 0 || highSum == 0) {
        continue;
      }
      double gap = Math.abs(Math.log((lowSum / low) / (highSum / high)));
      if (gap < bestGap) {
        bestGap = gap;
        best = kappa;
      }
    }
    return best;
  }

  /** Moving average over an eighth of the horizon, then a running maximum: errors do not shrink ahead. */
  private static double[] smooth(double[] sum, int[] count) {
    int n = sum.length;
    int w = Math.max(1, n / 16);
    double[] s = new double[n];
    double floor = Double.MIN_NORMAL;
    for (int h = 0; h < n; h++) {
      double a = 0;
      int b = 0;
      for (int j = Math.max(0, h - w); j <= Math.min(n - 1, h + w); j++) {
        a += sum[j];
        b += count[j];
      }
      s[h] = b == 0 ? 0 : a / b;
    }
    double max = floor;
    for (int h = 0; h < n; h++) {
      max = Math.max(max, s[h]);
      s[h] = max;
    }
    if (max <= floor) {
      Arrays.fill(s, 1);
    }
    return s;
  }

  private static double quantile(double[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    double pos = p * (sorted.length - 1);
    int i = (int) Math.floor(pos);
    int j = Math.min(sorted.length - 1, i + 1);
    return sorted[i] + (sorted[j] - sorted[i]) * (pos - i);
  }

  private static double scale(double f, double c, double kappa) {
    return kappa == 0 ? 1 : Math.pow(Math.max(f, 0) + c, kappa);
  }

  /** The bound at quantile level 0.5, 0.9 or 0.99 for point forecast {@code f} at step {@code h}. */
  public double bound(double f, int h, double level) {
    double q = level == 0.5 ? q50 : level == 0.9 ? q90 : level == 0.99 ? q99 : Double.NaN;
    if (Double.isNaN(q)) {
      throw new IllegalArgumentException("calibrated levels are 0.5, 0.9 and 0.99, not " + level);
    }
    return Math.max(0, f + q * s[Math.min(h, s.length - 1)] * scale(f, c, kappa));
  }

  /** Share of observed points at or below the bound, over origins {@code [from, to)}. */
  public double coverage(Backtest bt, double[][] f, int from, int to, double level) {
    int hit = 0;
    int total = 0;
    for (int o = from; o < to; o++) {
      for (int h = 0; h < bt.horizon(); h++) {
        if (bt.observed(o, h)) {
          total++;
          if (bt.actual(o, h) <= bound(f[o][h], h, level)) {
            hit++;
          }
        }
      }
    }
    return total == 0 ? Double.NaN : (double) hit / total;
  }

  @Override
  public String toString() {
    return String.format("Calibration[kappa=%.1f, q50=%.3f, q90=%.3f, q99=%.3f]", kappa, q50, q90, q99);
  }
}
