package dev.headroom.engine.policy;

import java.util.Arrays;

/**
 * Who gives way when the backend is under pressure: the traffic furthest above its own forecast.
 *
 * <p>A key's recent demand splits in two: what its forecast expected (up to the band's top times the
 * headroom) and the excess beyond it. A budget (the capacity the keys share) is filled in that
 * order: first every key's expected part, max-min fairly if even that does not fit (only then are
 * keys within their forecast cut); then the excess, least surprising key first, so that a key at
 * ten times its forecast is the first refused and a key just over its band the last. Surprise is
 * recent demand over expected demand, so a small key's flood counts as much as a big key's.
 *
 * <p>A key without a forecast (new, or its forecast fell back) has no excess: its whole demand is
 * counted as expected, since there is no basis to call it surprising.
 *
 * <p>Pure and allocation-light: arrays in, arrays out.
 */
public final class SurpriseShedding {

  /** The lowest rate shedding sets: a limiter needs a positive rate. */
  static final double FLOOR = 1e-3;

  private SurpriseShedding() {}

  /**
   * Rates after shedding within {@code budget}.
   *
   * @param budget   requests per second the keys may have together
   * @param recent   each key's recent demand per second
   * @param expected each key's expected demand per second (NaN: no forecast)
   * @param rates    each key's rate before shedding; a key is never raised above it
   * @param shed     out: true for keys whose rate shedding lowered below their recent demand
   * @return the new rates
   */
  public static double[] allocate(double budget, double[] recent, double[] expected, double[] rates, boolean[] shed) {
    int n = rates.length;
    if (recent.length != n || expected.length != n || shed.length != n) {
      throw new IllegalArgumentException("surprise shedding: " + n + " rates but " + recent.length + " recent, "
          + expected.length + " expected, " + shed.length + " flags");
    }
    double[] within = new double[n];
    double[] excess = new double[n];
    double wanted = 0;
    for (int k = 0; k < n; k++) {
      double r = Math.max(0, recent[k]);
      double e = Double.isFinite(expected[k]) ? Math.max(0, expected[k]) : r;
      within[k] = Math.min(r, e);
      excess[k] = r - within[k];
      wanted += within[k];
    }
    double[] out = rates.clone();
    Arrays.fill(shed, false);
    double cap = Math.max(0, budget);
    if (wanted >= cap) {
      // Even the expected traffic does not fit: share the budget over it, and refuse every excess.
      double[] share = MaxMinFair.allocate(cap, within);
      for (int k = 0; k < n; k++) {
        lower(out, shed, k, share[k], recent[k]);
      }
      return out;
    }
    double spare = cap - wanted;
    Integer[] order = new Integer[n];
    int surprising = 0;
    for (int k = 0; k < n; k++) {
      if (excess[k] > 0) {
        order[surprising++] = k;
      }
    }
    double[] surprise = new double[n];
    for (int i = 0; i < surprising; i++) {
      int k = order[i];
      surprise[k] = within[k] == 0 ? Double.POSITIVE_INFINITY : (within[k] + excess[k]) / within[k];
    }
    Arrays.sort(order, 0, surprising, (a, b) -> {
      int c = Double.compare(surprise[a], surprise[b]);
      return c != 0 ? c : Integer.compare(a, b);
    });
    for (int i = 0; i < surprising; i++) {
      int k = order[i];
      double grant = Math.min(excess[k], spare);
      spare -= grant;
      if (grant < excess[k]) {
        lower(out, shed, k, within[k] + grant, recent[k]);
      }
    }
    return out;
  }

  /** Lowers key k's rate to {@code to}; it is shed when that refuses some of its recent demand. */
  private static void lower(double[] out, boolean[] shed, int k, double to, double recent) {
    double r = Math.max(FLOOR, to);
    if (r < out[k]) {
      out[k] = r;
      shed[k] = r < recent;
    }
  }

  /** Recent demand over expected demand; NaN without a forecast, +Infinity for demand where none was expected. */
  public static double surprise(double recent, double expected) {
    if (!Double.isFinite(expected)) {
      return Double.NaN;
    }
    if (expected <= 0) {
      return recent > 0 ? Double.POSITIVE_INFINITY : 0;
    }
    return recent / expected;
  }
}
