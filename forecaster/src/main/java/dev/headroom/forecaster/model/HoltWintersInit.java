package dev.headroom.forecaster.model;

import java.util.Arrays;

/**
 * Initial Holt-Winters state from a few cycles of the longest period, using medians so an
 * outage or a flash crowd in those cycles does not end up in the seasonal profile: cycle medians
 * give level and trend, per-slot medians of what remains give the seasonal terms (the shorter
 * period first, then the longer one on what the shorter leaves).
 */
final class HoltWintersInit {

  /** At most this many cycles of the longest period feed the medians. */
  static final int MAX_CYCLES = 4;
  /** Without seasonality the level and trend come from two blocks of at most this many points. */
  private static final int PLAIN_BLOCK = 12;

  private HoltWintersInit() {}

  /**
   * The state before {@code y[start]} for {@code periods} (none, one or two, each fitting at least
   * twice in {@code y[start..]}), from at most {@link #MAX_CYCLES} cycles of the longest period.
   */
  static HoltWintersState initial(double[] all, int start, int[] periods, boolean multiplicative,
      HoltWintersParameters params) {
    double[] y = Arrays.copyOfRange(all, start, Math.min(all.length,
        start + MAX_CYCLES * Math.max(longest(periods, all.length - start), 1)));
    int n = y.length;
    int longest = longest(periods, n);
    int cycles = Math.min(n / longest, MAX_CYCLES);
    if (cycles < 2) {
      throw new IllegalArgumentException("need at least two cycles of period " + longest
          + " to initialise, got " + n + " points");
    }
    int w = cycles * longest;
    double unit = unit(y, w);

    // Level and trend: medians of whole cycles, robust to a bad cycle.
    double[] medians = new double[cycles];
    for (int c = 0; c < cycles; c++) {
      medians[c] = median(Arrays.copyOfRange(y, c * longest, (c + 1) * longest));
    }
    double[] steps = new double[cycles - 1];
    for (int c = 1; c < cycles; c++) {
      steps[c - 1] = (medians[c] - medians[c - 1]) / longest;
    }
    double trend = median(steps);
    double[] intercepts = new double[cycles];
    for (int c = 0; c < cycles; c++) {
      intercepts[c] = medians[c] - trend * (c * longest + (longest - 1) / 2.0);
    }
    double intercept = median(intercepts);

    double[] base = new double[w];
    for (int t = 0; t < w; t++) {
      base[t] = intercept + trend * t;
    }
    double neutral = multiplicative ? 1 : 0;
    double guard = 0.05 * unit;
    double[] s1 = {neutral};
    double[] s2 = {neutral};
    if (periods.length >= 1) {
      s1 = profile(y, base, null, periods[0], multiplicative, guard);
      if (periods.length >= 2) {
        s2 = profile(y, base, s1, periods[1], multiplicative, guard);
      }
    }
    double shift = 0;
    if (!multiplicative) {
      // Seasonal terms average zero; what they carried belongs to the level.
      shift = center(s1) + center(s2);
    }
    double level = intercept + shift - trend;
    if (multiplicative) {
      level = Math.max(level, 0);
    }

    // Scale: robust spread of step-to-step changes of what the initial decomposition leaves.
    double[] diffs = new double[w - 1];
    double prev = 0;
    for (int t = 0; t < w; t++) {
      double a = s1[t % s1.length];
      double b = s2[t % s2.length];
      double fit = multiplicative ? Math.max(base[t], 0) * a * b : base[t] + shift + a + b;
      double r = y[t] - fit;
      if (t > 0) {
        diffs[t - 1] = r - prev;
      }
      prev = r;
    }
    double mid = median(diffs.clone());
    for (int i = 0; i < diffs.length; i++) {
      diffs[i] = Math.abs(diffs[i] - mid);
    }
    double scale = 1.4826 * median(diffs) / Math.sqrt(2);
    if (!(scale > 0)) {
      scale = 0.01 * unit;
    }
    return new HoltWintersState(multiplicative, params, unit, level, trend, s1, s2, scale);
  }

  /** The longest period, or for a plain series the block length level and trend come from. */
  static int longest(int[] periods, int n) {
    return Arrays.stream(periods).max().orElse(Math.max(1, Math.min(n / 2, PLAIN_BLOCK)));
  }

  /**
   * Per-slot medians of {@code y} over the initial window after removing {@code base} (and the
   * shorter profile {@code inner} when given): differences when additive, ratios when
   * multiplicative (skipping slots whose denominator is too small to divide by).
   */
  private static double[] profile(double[] y, double[] base, double[] inner, int period,
      boolean multiplicative, double guard) {
    int w = base.length;
    int perSlot = (w + period - 1) / period;
    double[] out = new double[period];
    double[] buf = new double[perSlot];
    for (int k = 0; k < period; k++) {
      int m = 0;
      for (int t = k; t < w; t += period) {
        double in = inner == null ? (multiplicative ? 1 : 0) : inner[t % inner.length];
        if (multiplicative) {
          double d = base[t] * in;
          if (d > guard) {
            buf[m++] = y[t] / d;
          }
        } else {
          buf[m++] = y[t] - base[t] - in;
        }
      }
      out[k] = m == 0 ? (multiplicative ? 1 : 0) : median(Arrays.copyOf(buf, m));
    }
    if (multiplicative) {
      double mean = Arrays.stream(out).average().orElse(1);
      for (int k = 0; k < period; k++) {
        out[k] = mean > 0 ? Math.min(out[k] / mean, HoltWintersState.SEASON_MAX) : 1;
      }
    }
    return out;
  }

  /** Subtracts the mean from {@code s} and returns it. */
  private static double center(double[] s) {
    double mean = Arrays.stream(s).average().orElse(0);
    for (int i = 0; i < s.length; i++) {
      s[i] -= mean;
    }
    return mean;
  }

  /** Mean |y| over the first {@code w} points, or 1 when they are all zero. */
  private static double unit(double[] y, int w) {
    double sum = 0;
    for (int t = 0; t < w; t++) {
      sum += Math.abs(y[t]);
    }
    return sum > 0 ? sum / w : 1;
  }

  /** Median of {@code a}, which it reorders (quickselect, linear time). */
  static double median(double[] a) {
    int n = a.length;
    if (n == 0) {
      return 0;
    }
    double hi = select(a, n / 2);
    if (n % 2 == 1) {
      return hi;
    }
    // After selecting n/2 the lower half holds the other middle value as its maximum.
    double lo = a[0];
    for (int i = 1; i < n / 2; i++) {
      lo = Math.max(lo, a[i]);
    }
    return (lo + hi) / 2;
  }

  private static double select(double[] a, int k) {
    int lo = 0;
    int hi = a.length - 1;
    while (lo < hi) {
      double pivot = a[(lo + hi) >>> 1];
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (a[i] < pivot) {
          i++;
        }
        while (a[j] > pivot) {
          j--;
        }
        if (i <= j) {
          double tmp = a[i];
          a[i] = a[j];
          a[j] = tmp;
          i++;
          j--;
        }
      }
      if (k <= j) {
        hi = j;
      } else if (k >= i) {
        lo = i;
      } else {
        break;
      }
    }
    return a[k];
  }
}
