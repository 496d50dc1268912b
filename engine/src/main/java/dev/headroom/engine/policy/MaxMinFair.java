package dev.headroom.engine.policy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Shares one capacity among keys by demand, max-min fairly: no key gets more than it asks for,
 * the keys that cannot get all they ask for get equal shares, and nothing is left over while
 * anyone still wants more. Of all allocations that fit the capacity, it is the one whose smallest
 * share is as large as possible (then the second smallest, and so on): a heavy key cannot starve a
 * light one, and a light key's unused share goes to the others.
 *
 * <p>Water-filling: visit keys from the smallest demand up. With {@code R} capacity left and
 * {@code m} keys left, an equal split gives {@code R / m} each; a key asking for no more than that
 * gets its demand (raising the split for the rest), and once a key asks for more, it and every
 * larger one get the equal split. O(n log n) for the sort.
 *
 * <p>The sum never exceeds the capacity beyond floating-point rounding (parts in 10^15).
 */
public final class MaxMinFair {

  private MaxMinFair() {}

  /**
   * The allocation for {@code demand} (per key, not negative; {@code +Infinity} means "as much as it
   * can get") within {@code capacity}, index by index.
   */
  public static double[] allocate(double capacity, double[] demand) {
    if (!Double.isFinite(capacity) || capacity < 0) {
      throw new IllegalArgumentException("max-min fair: capacity must be finite and not negative, got " + capacity);
    }
    int n = demand.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      double d = demand[i];
      if (Double.isNaN(d) || d < 0) {
        throw new IllegalArgumentException("max-min fair: demand[" + i + "] must not be negative or NaN, got " + d);
      }
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(demand[a], demand[b]));
    double[] out = new double[n];
    double remaining = capacity;
    for (int k = 0; k < n; k++) {
      int i = order[k];
      double share = remaining / (n - k);
      if (demand[i] <= share) {
        out[i] = demand[i];
        remaining -= demand[i];
      } else {
        for (int j = k; j < n; j++) {
          out[order[j]] = share;
        }
        break;
      }
    }
    return out;
  }

  /**
   * As {@link #allocate(double, double[])}, then work-conserving: capacity that no key asked for is
   * handed out in equal parts on top, so the shares always add up to the capacity. A forecast is
   * an estimate; while capacity is idle, a key whose demand beats its forecast should not be
   * refused for the sake of keys that do not need it.
   */
  public static double[] allocateAll(double capacity, double[] demand) {
    double[] out = allocate(capacity, demand);
    if (out.length == 0) {
      return out;
    }
    double used = 0;
    for (double v : out) {
      used += v;
    }
    double spare = (capacity - used) / out.length;
    if (spare > 0) {
      for (int i = 0; i < out.length; i++) {
        out[i] += spare;
      }
    }
    return out;
  }

  /** The same by key, in the map's iteration order. */
  public static <K> Map<K, Double> allocate(double capacity, Map<K, Double> demand) {
    double[] d = new double[demand.size()];
    int i = 0;
    for (double v : demand.values()) {
      d[i++] = v;
    }
    double[] shares = allocate(capacity, d);
    Map<K, Double> out = new LinkedHashMap<>();
    i = 0;
    for (K key : demand.keySet()) {
      out.put(key, shares[i++]);
    }
    return out;
  }
}
