package dev.headroom.simulator.report;

import dev.headroom.engine.policy.ForecastView;
import dev.headroom.engine.policy.Quantile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Records {@link KeySeries} during a replay for a few tracked keys and for the total. Only a few:
 * with {@code --tenants} there may be thousands of keys, and a report draws one at a time, so memory
 * stays at (tracked keys + 1) x buckets x 5 floats whatever the key count. The hot path (one
 * offered request) is an array increment.
 */
public final class KeyRecorder {

  /** Keys tracked at most (the total comes on top). */
  public static final int MAX_KEYS = 20;

  private final String[] names; // per slot; the last slot is the total
  private final int[] slotOf; // key id -> slot, -1 when not tracked
  private final int[] tracked; // slot -> key id
  private final int totalSlot;
  private final long[] offered;
  private final long[] abusive;
  private final ForecastView[] views;
  private final float[][] demand;
  private final float[][] abusiveLine;
  private final float[][] p50;
  private final float[][] p99;
  private final float[][] limit;
  private int buckets;

  /**
   * @param keys     every key's name, indexed by key id
   * @param tracked  the key ids to record, at most {@link #MAX_KEYS}, in report order
   * @param expectedBuckets buckets the replay will close (arrays grow past it if needed)
   */
  public KeyRecorder(List<String> keys, int[] tracked, int expectedBuckets) {
    if (tracked.length > MAX_KEYS) {
      throw new IllegalArgumentException("track at most " + MAX_KEYS + " keys, got " + tracked.length);
    }
    this.tracked = tracked.clone();
    slotOf = new int[keys.size()];
    Arrays.fill(slotOf, -1);
    names = new String[tracked.length + 1];
    for (int s = 0; s < tracked.length; s++) {
      if (slotOf[tracked[s]] >= 0) {
        throw new IllegalArgumentException("key " + keys.get(tracked[s]) + " tracked twice");
      }
      slotOf[tracked[s]] = s;
      names[s] = keys.get(tracked[s]);
    }
    totalSlot = tracked.length;
    names[totalSlot] = KeySeries.TOTAL;
    int slots = names.length;
    offered = new long[slots];
    abusive = new long[slots];
    views = new ForecastView[slots];
    int n = Math.max(1, expectedBuckets);
    demand = new float[slots][n];
    abusiveLine = new float[slots][n];
    p50 = new float[slots][n];
    p99 = new float[slots][n];
    limit = new float[slots][n];
  }

  /** A request (first attempt or retry) offered to {@code key}'s limiter. */
  public void offered(int key, boolean isAbusive) {
    offered[totalSlot]++;
    int s = slotOf[key];
    if (s >= 0) {
      offered[s]++;
    }
    if (isAbusive) {
      abusive[totalSlot]++;
      if (s >= 0) {
        abusive[s]++;
      }
    }
  }

  /** The forecast {@code key}'s policy saw at this tick (null: none). */
  public void saw(int key, ForecastView view) {
    int s = slotOf[key];
    if (s >= 0) {
      views[s] = view;
    }
  }

  /** The forecast of all keys together at this tick (null: none). */
  public void sawTotal(ForecastView view) {
    views[totalSlot] = view;
  }

  /**
   * Ends the bucket [{@code fromMillis}, {@code toMillis}): demand per second over it, the band of
   * the forecasts seen last over it, and the limits in force ({@code rates} per key id, null for
   * none; {@code totalLimit} NaN for none).
   */
  public void closeBucket(long fromMillis, long toMillis, double[] rates, double totalLimit) {
    if (buckets == demand[0].length) {
      grow();
    }
    double seconds = Math.max(1e-3, (toMillis - fromMillis) / 1000.0);
    for (int s = 0; s < names.length; s++) {
      demand[s][buckets] = (float) (offered[s] / seconds);
      abusiveLine[s][buckets] = (float) (abusive[s] / seconds);
      ForecastView v = views[s];
      boolean usable = v != null && !v.fallback();
      p50[s][buckets] = usable ? (float) v.peakPerSecond(Quantile.P50, fromMillis, toMillis) : Float.NaN;
      p99[s][buckets] = usable ? (float) v.peakPerSecond(Quantile.P99, fromMillis, toMillis) : Float.NaN;
      limit[s][buckets] = Float.NaN;
      offered[s] = 0;
      abusive[s] = 0;
    }
    for (int s = 0; rates != null && s < tracked.length; s++) {
      limit[s][buckets] = (float) rates[tracked[s]];
    }
    limit[totalSlot][buckets] = (float) totalLimit;
    buckets++;
  }

  private void grow() {
    int size = buckets * 2;
    for (int s = 0; s < names.length; s++) {
      demand[s] = Arrays.copyOf(demand[s], size);
      abusiveLine[s] = Arrays.copyOf(abusiveLine[s], size);
      p50[s] = Arrays.copyOf(p50[s], size);
      p99[s] = Arrays.copyOf(p99[s], size);
      limit[s] = Arrays.copyOf(limit[s], size);
    }
  }

  /** The tracked keys' series in report order, then the total's. */
  public List<KeySeries> result() {
    List<KeySeries> out = new ArrayList<>(names.length);
    for (int s = 0; s < names.length; s++) {
      out.add(new KeySeries(names[s], Arrays.copyOf(demand[s], buckets), Arrays.copyOf(abusiveLine[s], buckets),
          Arrays.copyOf(p50[s], buckets), Arrays.copyOf(p99[s], buckets), Arrays.copyOf(limit[s], buckets)));
    }
    return out;
  }
}
