package dev.headroom.simulator.report;

import java.util.Objects;

/**
 * One key's picture over a replay, bucket by bucket, all per second: the demand offered to its
 * limiter (first attempts and retries), the abusive part of it (injected floods; 0 when nothing is
 * labelled), the forecast band the policy saw (P50 and P99; NaN where it had no usable forecast),
 * and the limit in force at the bucket's end (NaN: none). Floats, because a report draws them and
 * a run keeps one per tracked key per policy. Copied in and out: immutable.
 *
 * @param key the key's name, or {@link #TOTAL} for all keys together
 */
public record KeySeries(String key, float[] demand, float[] abusive, float[] p50, float[] p99, float[] limit) {

  /** The name of the series that sums every key. */
  public static final String TOTAL = "all keys";

  public KeySeries {
    Objects.requireNonNull(key, "key");
    int n = demand.length;
    if (abusive.length != n || p50.length != n || p99.length != n || limit.length != n) {
      throw new IllegalArgumentException("key series " + key + ": lines differ in length");
    }
    demand = demand.clone();
    abusive = abusive.clone();
    p50 = p50.clone();
    p99 = p99.clone();
    limit = limit.clone();
  }

  public int length() {
    return demand.length;
  }

  public boolean total() {
    return TOTAL.equals(key);
  }

  /** Whether the policy saw a usable forecast in at least one bucket. */
  public boolean hasForecast() {
    for (float v : p99) {
      if (Float.isFinite(v)) {
        return true;
      }
    }
    return false;
  }

  /** Whether any of the demand was labelled abusive. */
  public boolean hasAbusive() {
    for (float v : abusive) {
      if (v > 0) {
        return true;
      }
    }
    return false;
  }

  @Override
  public float[] demand() {
    return demand.clone();
  }

  @Override
  public float[] abusive() {
    return abusive.clone();
  }

  @Override
  public float[] p50() {
    return p50.clone();
  }

  @Override
  public float[] p99() {
    return p99.clone();
  }

  @Override
  public float[] limit() {
    return limit.clone();
  }

  /** A line as doubles, for the charts. */
  static double[] wide(float[] line) {
    double[] out = new double[line.length];
    for (int i = 0; i < line.length; i++) {
      out[i] = line[i];
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KeySeries s && key.equals(s.key) && java.util.Arrays.equals(demand, s.demand)
        && java.util.Arrays.equals(abusive, s.abusive) && java.util.Arrays.equals(p50, s.p50)
        && java.util.Arrays.equals(p99, s.p99) && java.util.Arrays.equals(limit, s.limit);
  }

  @Override
  public int hashCode() {
    return key.hashCode() * 31 + java.util.Arrays.hashCode(demand);
  }

  @Override
  public String toString() {
    return "KeySeries[" + key + ", " + length() + " buckets]";
  }
}
