package dev.headroom.simulator.workload;

import dev.headroom.forecaster.series.RateSeries;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Arrivals held in primitive arrays: time, key id and cost of each, in time order. Key and cost
 * arrays exist only when some arrival needs them (a key other than 0, a cost other than 1), so a
 * single-key trace costs eight bytes per arrival. Also a {@link Workload} that replays itself.
 *
 * <p>Immutable: accessors that return arrays return copies.
 */
public final class Arrivals implements Workload {

  private final long[] times;
  private final int[] keyIds;
  private final double[] costs;
  /** 1 for an abusive arrival (an injected flood), 0 for a legitimate one; null when all are legitimate. */
  private final byte[] abusive;
  private final List<String> keys;

  private Arrivals(long[] times, int[] keyIds, double[] costs, List<String> keys) {
    this(times, keyIds, costs, null, keys);
  }

  private Arrivals(long[] times, int[] keyIds, double[] costs, byte[] abusive, List<String> keys) {
    this.times = times;
    this.keyIds = keyIds;
    this.costs = costs;
    this.abusive = abusive;
    this.keys = List.copyOf(keys);
  }

  /**
   * These arrivals (all legitimate as labelled here) merged in time order with {@code extra}
   * arrivals labelled abusive: {@code extraTimes} sorted, {@code extraKeys} parallel key ids into
   * the same key list. Ties go to the legitimate arrival, so the merge is deterministic. Costs of
   * the abusive arrivals are 1.
   */
  public Arrivals withAbusive(long[] extraTimes, int[] extraKeys) {
    if (extraTimes.length != extraKeys.length) {
      throw new IllegalArgumentException(extraTimes.length + " abusive times but " + extraKeys.length + " keys");
    }
    for (int i = 0; i < extraTimes.length; i++) {
      if (i > 0 && extraTimes[i] < extraTimes[i - 1]) {
        throw new IllegalArgumentException("abusive times are not sorted at index " + i);
      }
      if (extraKeys[i] < 0 || extraKeys[i] >= keys.size()) {
        throw new IllegalArgumentException("abusive arrival " + i + " has key id " + extraKeys[i] + ", outside the "
            + keys.size() + " keys");
      }
    }
    int n = times.length + extraTimes.length;
    long[] t = new long[n];
    int[] k = new int[n];
    double[] c = costs == null ? null : new double[n];
    byte[] a = new byte[n];
    int i = 0;
    int j = 0;
    for (int o = 0; o < n; o++) {
      if (j >= extraTimes.length || (i < times.length && times[i] <= extraTimes[j])) {
        t[o] = times[i];
        k[o] = keyId(i);
        a[o] = abusive == null ? 0 : abusive[i];
        if (c != null) {
          c[o] = costs[i];
        }
        i++;
      } else {
        t[o] = extraTimes[j];
        k[o] = extraKeys[j];
        a[o] = 1;
        if (c != null) {
          c[o] = 1;
        }
        j++;
      }
    }
    return new Arrivals(t, k, c, a, keys);
  }

  /** Drains {@code source}, whose key ids index {@code keys}. */
  public static Arrivals collect(ArrivalSource source, List<String> keys) {
    long[] t = new long[1024];
    int[] k = null;
    double[] c = null;
    int n = 0;
    for (long time = source.next(); time != ArrivalSource.END; time = source.next()) {
      if (n == t.length) {
        int grown = (int) Math.min(Integer.MAX_VALUE - 8, n * 2L);
        if (grown == n) {
          throw new IllegalStateException("more than " + n + " arrivals: stream them instead");
        }
        t = Arrays.copyOf(t, grown);
        k = k == null ? null : Arrays.copyOf(k, grown);
        c = c == null ? null : Arrays.copyOf(c, grown);
      }
      t[n] = time;
      int key = source.key();
      if (key != 0 && k == null) {
        k = new int[t.length];
      }
      if (k != null) {
        k[n] = key;
      }
      double cost = source.cost();
      if (cost != 1 && c == null) {
        c = new double[t.length];
        Arrays.fill(c, 0, n, 1);
      }
      if (c != null) {
        c[n] = cost;
      }
      n++;
    }
    return new Arrivals(Arrays.copyOf(t, n), k == null ? null : Arrays.copyOf(k, n),
        c == null ? null : Arrays.copyOf(c, n), keys);
  }

  /** Arrivals at these times (sorted), all of key 0 named {@code key} and cost 1. */
  public static Arrivals of(long[] timesNanos, String key) {
    for (int i = 1; i < timesNanos.length; i++) {
      if (timesNanos[i] < timesNanos[i - 1]) {
        throw new IllegalArgumentException("times are not sorted at index " + i);
      }
    }
    return new Arrivals(timesNanos.clone(), null, null, List.of(key));
  }

  public int size() {
    return times.length;
  }

  public long time(int i) {
    return times[i];
  }

  public int keyId(int i) {
    return keyIds == null ? 0 : keyIds[i];
  }

  public double cost(int i) {
    return costs == null ? 1 : costs[i];
  }

  /** Whether arrival {@code i} is abusive (an injected flood) rather than legitimate traffic. */
  public boolean abusive(int i) {
    return abusive != null && abusive[i] != 0;
  }

  /** Arrivals labelled abusive. */
  public int abusiveCount() {
    if (abusive == null) {
      return 0;
    }
    int n = 0;
    for (byte b : abusive) {
      n += b;
    }
    return n;
  }

  /** A copy of the times, in nanoseconds. */
  public long[] timesNanos() {
    return times.clone();
  }

  /** A copy of the key ids, parallel to {@link #timesNanos()}. */
  public int[] keyIds() {
    return keyIds == null ? new int[times.length] : keyIds.clone();
  }

  /**
   * Arrivals counted per bin of {@code step} aligned to whole multiples of the step since the
   * epoch, from the bin of the first arrival to that of the last: to compare a workload with the
   * trace it came from.
   */
  public RateSeries bin(Duration step) {
    long stepNanos = step.toNanos();
    if (stepNanos <= 0 || stepNanos % 1_000_000 != 0) {
      throw new IllegalArgumentException("step must be a positive whole number of ms, got " + step);
    }
    if (times.length == 0) {
      return RateSeries.ofMillis(0, step.toMillis(), new double[0]);
    }
    long first = Math.floorDiv(times[0], stepNanos);
    long bins = Math.floorDiv(times[times.length - 1], stepNanos) - first + 1;
    if (bins > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("too many bins of " + step);
    }
    double[] counts = new double[(int) bins];
    for (long t : times) {
      counts[(int) (Math.floorDiv(t, stepNanos) - first)]++;
    }
    return RateSeries.ofMillis(first * step.toMillis(), step.toMillis(), counts);
  }

  @Override
  public ArrivalSource open(long seed) {
    return new ArrivalSource() {
      private int i = -1;

      @Override
      public long next() {
        if (i + 1 >= times.length) {
          i = times.length;
          return END;
        }
        return times[++i];
      }

      @Override
      public int key() {
        return keyId(i);
      }

      @Override
      public double cost() {
        return Arrivals.this.cost(i);
      }
    };
  }

  @Override
  public List<String> keys() {
    return keys;
  }

  @Override
  public long startNanos() {
    return times.length == 0 ? 0 : times[0];
  }

  @Override
  public long endNanos() {
    return times.length == 0 ? 0 : times[times.length - 1] + 1;
  }

  @Override
  public String toString() {
    return "Arrivals[size=" + times.length + ", keys=" + keys.size() + "]";
  }
}
