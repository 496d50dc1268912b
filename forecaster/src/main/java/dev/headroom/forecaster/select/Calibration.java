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
 * remaining unit-free errors are pooled per horizon bucket (the plan's: the first hour, the next
 * hours, the rest of the day), which gives enough of them for a P99 while letting the shape of
 * the error distribution differ between the next minutes and tomorrow; their empirical quantiles
 * {@code q} give the bound {@code f + q s_h (f + c)^kappa}.
 *
 * <p>Beyond the first bucket, each quantile is the larger of those of the two halves of the
 * origins: a day ahead, errors follow how one day differs from the next, which drifts, and a bound
 * should hold in the calmer and the rougher part of the recent past alike. The first bucket's
 * errors follow the last few steps, which both halves see alike; there the pooled quantile is
 * used, as the larger one over-covered the first hour by 3 points on the protocol's traces.
 */
public final class Calibration {

  private static final double[] KAPPAS = {0, 0.5, 1};
  private static final double[] LEVELS = {0.5, 0.9, 0.99};

  private final double kappa;
  private final double c;
  private final double[] s;
  private final int[] ends;   // exclusive end of each horizon bucket
  private final double[][] q; // q[bucket][level index]

  private Calibration(double kappa, double c, double[] s, int[] ends, double[][] q) {
    this.kappa = kappa;
    this.c = c;
    this.s = s;
    this.ends = ends;
    this.q = q;
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
    int[] ends = Plan.bucketEnds(horizon);
    double[][] q = new double[ends.length][LEVELS.length];
    int mid = (fromOrigin + toOrigin) / 2;
    int[][] halves = mid > fromOrigin
        ? new int[][] {{fromOrigin, mid}, {mid, toOrigin}}
        : new int[][] {{fromOrigin, toOrigin}};
    int[][] pooled = {{fromOrigin, toOrigin}};
    int from = 0;
    for (int b = 0; b < ends.length; b++) {
      Arrays.fill(q[b], Double.NEGATIVE_INFINITY);
      for (int[] part : b == 0 && ends.length > 1 ? pooled : halves) {
        double[] u = normalised(bt, f, part[0], part[1], from, ends[b], c, kappa, s);
        for (int l = 0; l < LEVELS.length && u.length > 0; l++) {
          q[b][l] = Math.max(q[b][l], quantile(u, LEVELS[l]));
        }
      }
      for (int l = 0; l < LEVELS.length; l++) {
        q[b][l] = Double.isInfinite(q[b][l]) ? 0 : q[b][l];
      }
      from = ends[b];
    }
    return new Calibration(kappa, c, s, ends, q);
  }

  /**
   * Bounds from in-sample errors alone (seasonal-naive differences, say) when the series is too
   * short for a backtest: the same bound at every step, and the forecast's notes say so.
   */
  public static Calibration ofErrors(double[] errors) {
    double[] u = errors.clone();
    Arrays.sort(u);
    double[][] q = {{quantile(u, 0.5), quantile(u, 0.9), quantile(u, 0.99)}};
    return new Calibration(0, 1, new double[] {1}, new int[] {Integer.MAX_VALUE}, q);
  }

  /** Sorted scaled errors of the observed points of origins [from, to) and steps [h0, h1). */
  private static double[] normalised(Backtest bt, double[][] f, int from, int to, int h0, int h1, double c,
      double kappa, double[] s) {
    double[] u = new double[(to - from) * (h1 - h0)];
    int k = 0;
    for (int o = from; o < to; o++) {
      for (int h = h0; h < h1; h++) {
        if (bt.observed(o, h)) {
          u[k++] = (bt.actual(o, h) - f[o][h]) / (scale(f[o][h], c, kappa) * s[h]);
        }
      }
    }
    u = Arrays.copyOf(u, k);
    Arrays.sort(u);
    return u;
  }

  private static double chooseKappa(Backtest bt, double[][] f, int from, int to, double c) {
    int horizon = bt.horizon();
    double[] levels = new double[(to - from) * horizon];
    int k = 0;
    for (int o = from; o < to; o++) {
      for (int h = 0; h < horizon; h++) {
        levels[k++] = f[o][h];
      }
    }
    double median = Robust.median(Robust.sample(Arrays.copyOf(levels, k)));
    double best = 0.5;
    double bestGap = Double.POSITIVE_INFINITY;
    for (double kappa : KAPPAS) {
      double lowSum = 0;
      double highSum = 0;
      int low = 0;
      int high = 0;
      for (int o = from; o < to; o++) {
        for (int h = 0; h < horizon; h++) {
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

  /** Moving average over a sixteenth of the horizon each side, then a running maximum. */
  private static double[] smooth(double[] sum, int[] count) {
    int n = sum.length;
    int w = Math.max(1, n / 16);
    double[] s = new double[n];
    for (int h = 0; h < n; h++) {
      double a = 0;
      int b = 0;
      for (int j = Math.max(0, h - w); j <= Math.min(n - 1, h + w); j++) {
        a += sum[j];
        b += count[j];
      }
      s[h] = b == 0 ? 0 : a / b;
    }
    double max = Double.MIN_NORMAL;
    for (int h = 0; h < n; h++) {
      max = Math.max(max, s[h]);
      s[h] = max;
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

  /** {@code (f + c)^kappa} for kappa 0, 1/2 or 1, without calling pow on every point. */
  private static double scale(double f, double c, double kappa) {
    double x = Math.max(f, 0) + c;
    return kappa == 0 ? 1 : kappa == 1 ? x : Math.sqrt(x);
  }

  /** The bound at quantile level 0.5, 0.9 or 0.99 for point forecast {@code f} at step {@code h}. */
  public double bound(double f, int h, double level) {
    int l = level == 0.5 ? 0 : level == 0.9 ? 1 : level == 0.99 ? 2 : -1;
    if (l < 0) {
      throw new IllegalArgumentException("calibrated levels are 0.5, 0.9 and 0.99, not " + level);
    }
    int b = 0;
    while (b < ends.length - 1 && h >= ends[b]) {
      b++;
    }
    return Math.max(0, f + q[b][l] * s[Math.min(h, s.length - 1)] * scale(f, c, kappa));
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
    return "Calibration[kappa=" + kappa + ", q=" + Arrays.deepToString(q) + "]";
  }
}
