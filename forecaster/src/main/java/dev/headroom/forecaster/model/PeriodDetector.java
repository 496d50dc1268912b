package dev.headroom.forecaster.model;

import dev.headroom.forecaster.series.RateSeries;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.commons.math3.transform.DftNormalization;
import org.apache.commons.math3.transform.FastFourierTransformer;
import org.apache.commons.math3.transform.TransformType;

/**
 * Finds seasonal periods from the autocorrelation function, so a key's model need not be told that
 * its traffic follows the day and the week.
 *
 * <p>The ACF is that of the ranks (robust to outages and flash crowds) and comes from a zero-padded FFT (linear time in practice, where a direct sum over 43,200
 * per-minute points and lags up to three weeks would not be). Candidates are the day and the week
 * in steps, plus the strongest ACF peaks. A first period must stand out from the lag half a period
 * away (where a true cycle is at its trough); a later period that is a multiple of one already
 * found (the week over the day) must stand out from its neighbours one shorter period away, which
 * is how a weekday/weekend difference shows. At least two cycles are needed to see a period.
 */
public final class PeriodDetector {

  private static final long DAY_MILLIS = 86_400_000L;
  private static final long WEEK_MILLIS = 7 * DAY_MILLIS;
  /** A period's autocorrelation must be at least this. */
  static final double MIN_ACF = 0.2;
  /** ...and a day or week must exceed the autocorrelation half a period away by this much... */
  static final double MIN_PROMINENCE = 0.05;
  /**
   * ...or, for a multiple of a period already found, close this fraction of the gap between its
   * neighbours' autocorrelation and 1.
   */
  static final double MIN_MULTIPLE_GAIN = 0.25;
  /** A period found only as an ACF peak (not a day or week) needs this prominence and 3 cycles. */
  static final double MIN_PEAK_PROMINENCE = 0.3;
  /** ACF peaks considered besides the calendar candidates. */
  private static final int PEAK_CANDIDATES = 3;
  private static final int MAX_PERIODS = 3;

  private PeriodDetector() {}

  /** Periods of {@code series}; missing intervals are interpolated first. */
  public static Seasonality detect(RateSeries series) {
    return detect(series.values(), series.stepMillis());
  }

  /**
   * Periods of {@code y} (NaN marks a missing point) sampled every {@code stepMillis}, most
   * important first; {@link Seasonality#none()} when there are none or too little data.
   */
  public static Seasonality detect(double[] y, long stepMillis) {
    if (stepMillis <= 0) {
      throw new IllegalArgumentException("step must be positive, got " + stepMillis + " ms");
    }
    double[] x = interpolate(y);
    if (x == null || x.length < 8) {
      return Seasonality.none();
    }
    x = ranks(x);
    if (!detrend(x)) {
      return Seasonality.none();
    }
    double[] acf = autocorrelation(x);
    int maxLag = x.length / 2;

    List<Integer> candidates = new ArrayList<>();
    for (long span : new long[] {DAY_MILLIS, WEEK_MILLIS}) {
      if (span % stepMillis == 0 && span / stepMillis >= 2 && span / stepMillis <= maxLag) {
        candidates.add((int) (span / stepMillis));
      }
    }
    List<Integer> calendar = List.copyOf(candidates);
    for (int lag : peaks(acf, x.length / 3)) {
      boolean near = candidates.stream().anyMatch(c -> Math.abs(c - lag) <= Math.max(1, c / 50));
      if (!near) {
        candidates.add(lag);
      }
    }

    // Shorter periods first: the week is judged as a multiple of the day, not the other way round.
    candidates.sort(Comparator.naturalOrder());
    List<Integer> found = new ArrayList<>();
    for (int p : candidates) {
      int snapped = snap(p, found);
      if (found.size() < MAX_PERIODS && !found.contains(snapped)
          && isNewPeriod(acf, maxLag, snapped, found, calendar.contains(snapped)
              ? MIN_PROMINENCE : MIN_PEAK_PROMINENCE)) {
        found.add(snapped);
      }
    }
    return new Seasonality(found.stream().mapToInt(Integer::intValue).toArray());
  }

  /** An ACF peak lands within a step or two of a multiple of a true period; move it there. */
  private static int snap(int p, List<Integer> found) {
    for (int q : found.reversed()) {
      long m = Math.round(p / (double) q);
      if (m >= 1 && Math.abs(p - m * q) <= Math.max(1, p / 50)) {
        return (int) (m * q);
      }
    }
    return p;
  }

  /**
   * Whether {@code p} is a period beyond those already {@code found}: a multiple of one of them must
   * gain over its neighbours one shorter period away; anything else must be prominent over the lag
   * half a period away by {@code minProminence}.
   */
  static boolean isNewPeriod(double[] acf, int maxLag, int p, List<Integer> found,
      double minProminence) {
    if (p < 2 || p > maxLag || acf[p] < MIN_ACF) {
      return false;
    }
    // Against the longest period it is a multiple of: two weeks must beat the week, not the day.
    for (int q : found.reversed()) {
      if (p % q == 0) {
        double left = acf[p - q];
        double neighbours = p + q <= maxLag ? (left + acf[p + q]) / 2 : left;
        // Relative to what the shorter period leaves unexplained: 0.99 against 0.96 is a clear
        // weekly effect even though the absolute gain is small.
        return acf[p] - neighbours >= MIN_MULTIPLE_GAIN * (1 - neighbours);
      }
    }
    return acf[p] - acf[p / 2] >= minProminence;
  }

  /**
   * The first few local ACF maxima by lag (each the largest within a tenth of its lag): a cycle's
   * multiples peak as high as the cycle itself, so the shortest peaks are the ones to try.
   */
  private static List<Integer> peaks(double[] acf, int maxLag) {
    List<Integer> out = new ArrayList<>();
    for (int lag = 2; lag < maxLag; lag++) {
      if (acf[lag] < MIN_ACF || acf[lag] < acf[lag - 1] || acf[lag] < acf[lag + 1]) {
        continue;
      }
      int w = Math.max(2, lag / 10);
      boolean top = true;
      for (int j = Math.max(1, lag - w); j <= Math.min(maxLag, lag + w) && top; j++) {
        top = j == lag || acf[j] < acf[lag];
      }
      if (top) {
        out.add(lag);
        if (out.size() == PEAK_CANDIDATES) {
          break;
        }
      }
    }
    return out;
  }

  /**
   * Autocorrelation at lags 0..n-1 via FFT, zero-padded to avoid wrap-around, corrected for the
   * shrinking overlap at long lags (n / (n - lag)) so the week is not penalised for being long.
   */
  static double[] autocorrelation(double[] x) {
    int n = x.length;
    int size = Integer.highestOneBit(2 * n - 1) << 1;
    double[] re = new double[size];
    double[] im = new double[size];
    System.arraycopy(x, 0, re, 0, n);
    double[][] data = {re, im};
    FastFourierTransformer.transformInPlace(data, DftNormalization.STANDARD, TransformType.FORWARD);
    for (int i = 0; i < size; i++) {
      re[i] = re[i] * re[i] + im[i] * im[i];
      im[i] = 0;
    }
    FastFourierTransformer.transformInPlace(data, DftNormalization.STANDARD, TransformType.INVERSE);
    double[] acf = new double[n];
    double c0 = re[0] / n;
    for (int k = 0; k < n; k++) {
      acf[k] = (re[k] / (n - k)) / c0;
    }
    return acf;
  }

  /**
   * A copy of {@code y} with NaN runs filled linearly between their neighbours (held flat at the
   * ends); null when every point is missing.
   */
  static double[] interpolate(double[] y) {
    int n = y.length;
    double[] x = y.clone();
    int prev = -1;
    for (int i = 0; i <= n; i++) {
      if (i < n && Double.isNaN(x[i])) {
        continue;
      }
      if (i - prev > 1) {
        if (prev < 0 && i == n) {
          return null;
        }
        for (int j = prev + 1; j < i; j++) {
          x[j] = prev < 0 ? x[i] : (i == n ? x[prev] : x[prev] + (x[i] - x[prev]) * (j - prev) / (i - prev));
        }
      }
      prev = i;
    }
    return x;
  }

  /**
   * Ranks of {@code x} (ties share their mean rank). The ACF of ranks is what the detector uses: an
   * outage or a flash crowd then moves a few ranks to the ends instead of dominating the variance.
   */
  static double[] ranks(double[] x) {
    int n = x.length;
    double[] sorted = x.clone();
    Arrays.sort(sorted);
    double[] r = new double[n];
    for (int i = 0; i < n; i++) {
      r[i] = (first(sorted, x[i]) + last(sorted, x[i])) / 2.0;
    }
    return r;
  }

  /** Index of the first element of {@code sorted} not below {@code v}. */
  private static int first(double[] sorted, double v) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] < v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** Index of the last element of {@code sorted} not above {@code v}. */
  private static int last(double[] sorted, double v) {
    int lo = -1;
    int hi = sorted.length - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (sorted[mid] > v) {
        hi = mid - 1;
      } else {
        lo = mid;
      }
    }
    return lo;
  }

  /**
   * Removes the least-squares line in place, so a trend does not read as correlation at every lag;
   * false when nothing varies around it.
   */
  private static boolean detrend(double[] x) {
    int n = x.length;
    double tMean = (n - 1) / 2.0;
    double mean = 0;
    for (double v : x) {
      mean += v;
    }
    mean /= n;
    double sxy = 0;
    double sxx = 0;
    for (int t = 0; t < n; t++) {
      sxy += (t - tMean) * (x[t] - mean);
      sxx += (t - tMean) * (t - tMean);
    }
    double slope = sxy / sxx;
    double ss = 0;
    double scale = 0;
    for (int t = 0; t < n; t++) {
      scale = Math.max(scale, Math.abs(x[t]));
      x[t] -= mean + slope * (t - tMean);
      ss += x[t] * x[t];
    }
    return ss > 1e-18 * n * Math.max(scale * scale, 1e-300);
  }
}
