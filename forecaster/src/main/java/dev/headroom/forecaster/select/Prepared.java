package dev.headroom.forecaster.select;

import dev.headroom.forecaster.model.Seasonality;
import dev.headroom.forecaster.series.RateSeries;
import java.util.ArrayList;
import java.util.List;

/**
 * A series made ready for the models, which take no NaN: missing intervals and outages filled in,
 * with a mask of which points were really observed (only those are scored) and notes saying what was
 * repaired.
 *
 * <p>An outage is a run of zeros long enough to be implausible as demand (at least a twelfth of the
 * main season and 3 steps) in a series whose median is positive, unless the same phase a season
 * earlier was quiet too: a nightly maintenance window is demand, a dead collector is not. Filled
 * values repeat the season before (already filled), so a 37-hour outage becomes a copy of the days
 * before it rather than a dip that the next day's forecast would inherit.
 *
 * @param y        values without NaN
 * @param observed true where the value was measured and not an outage
 * @param notes    what was repaired, for the forecast's notes
 */
public record Prepared(double[] y, boolean[] observed, List<String> notes) {

  public static Prepared of(RateSeries series, Seasonality seasonality) {
    double[] y = series.values();
    int n = y.length;
    boolean[] observed = new boolean[n];
    int missing = 0;
    for (int i = 0; i < n; i++) {
      observed[i] = !Double.isNaN(y[i]);
      if (!observed[i]) {
        missing++;
      }
      if (y[i] < 0) {
        y[i] = 0; // counts; a negative value cannot be demand
      }
    }
    List<String> notes = new ArrayList<>();
    if (missing > 0) {
      notes.add(missing + " missing interval(s) filled from the season before");
    }
    int m = seasonality.primary();
    int outages = markOutages(y, observed, m);
    if (outages > 0) {
      notes.add(outages + " interval(s) in long zero runs treated as an outage, not as demand");
    }
    fill(y, observed, m);
    return new Prepared(y, observed, notes);
  }

  private static int markOutages(double[] y, boolean[] observed, int m) {
    int n = y.length;
    if (medianObserved(y, observed) <= 0) {
      return 0;
    }
    int minRun = Math.max(3, m / 12);
    int marked = 0;
    int i = 0;
    while (i < n) {
      if (observed[i] && y[i] == 0) {
        int j = i;
        while (j < n && observed[j] && y[j] == 0) {
          j++;
        }
        if (j - i >= minRun && !recurring(y, observed, i, j, m)) {
          for (int k = i; k < j; k++) {
            observed[k] = false;
          }
          marked += j - i;
        }
        i = j;
      } else {
        i++;
      }
    }
    return marked;
  }

  /** True when most of the same phase one season earlier (or later) was zero as well. */
  private static boolean recurring(double[] y, boolean[] observed, int from, int to, int m) {
    if (m < 2) {
      return false;
    }
    for (int shift : new int[] {-m, m}) {
      int zeros = 0;
      int seen = 0;
      for (int k = from; k < to; k++) {
        int t = k + shift;
        if (t >= 0 && t < y.length && observed[t]) {
          seen++;
          if (y[t] == 0) {
            zeros++;
          }
        }
      }
      if (seen > 0 && zeros * 2 >= seen) {
        return true;
      }
    }
    return false;
  }

  /** Median of the observed values, from an evenly spaced sample of them for long series. */
  private static double medianObserved(double[] y, boolean[] observed) {
    double[] v = new double[y.length];
    int k = 0;
    for (int i = 0; i < y.length; i++) {
      if (observed[i]) {
        v[k++] = y[i];
      }
    }
    return k == 0 ? 0 : dev.headroom.forecaster.model.Robust.median(
        dev.headroom.forecaster.model.Robust.sample(java.util.Arrays.copyOf(v, k)));
  }

  /**
   * Fills unobserved points: from one season earlier where there is one, else by a straight line
   * between observed neighbours (or the nearest observed value at the ends).
   */
  private static void fill(double[] y, boolean[] observed, int m) {
    int n = y.length;
    int firstObserved = -1;
    for (int i = 0; i < n; i++) {
      if (observed[i]) {
        firstObserved = i;
        break;
      }
    }
    if (firstObserved < 0) {
      java.util.Arrays.fill(y, 0);
      return;
    }
    for (int i = 0; i < n; i++) {
      if (observed[i]) {
        continue;
      }
      if (m >= 2 && i - m >= firstObserved) {
        y[i] = y[i - m];
      } else {
        y[i] = linear(y, observed, i);
      }
    }
  }

  private static double linear(double[] y, boolean[] observed, int i) {
    int left = i - 1;
    while (left >= 0 && !observed[left]) {
      left--;
    }
    int right = i + 1;
    while (right < y.length && !observed[right]) {
      right++;
    }
    if (left < 0) {
      return y[right];
    }
    if (right >= y.length) {
      return y[left];
    }
    double t = (double) (i - left) / (right - left);
    return y[left] + (y[right] - y[left]) * t;
  }

  public int size() {
    return y.length;
  }
}
