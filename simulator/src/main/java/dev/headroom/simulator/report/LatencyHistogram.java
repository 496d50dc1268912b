package dev.headroom.simulator.report;

/**
 * Latency samples in log-linear buckets, the HDR histogram idea: values below 128 are kept exactly,
 * larger ones in 128 sub-buckets per power of two. A bucket is at most 1/128 of its values wide, so a
 * quantile read from its midpoint is within 0.4% of the true sample, and memory is fixed (57 KiB)
 * however long the trace: a replay of millions of requests cannot keep every sample.
 */
public final class LatencyHistogram {

  private static final int SUB_BITS = 7;
  private static final int SUB_COUNT = 1 << SUB_BITS;
  /** Exact buckets for 0..127, then 128 per exponent from 2^7 up to 2^62. */
  private static final int BUCKETS = SUB_COUNT + (63 - SUB_BITS) * SUB_COUNT;

  private final long[] counts = new long[BUCKETS];
  private long total;
  private long min = Long.MAX_VALUE;
  private long max = Long.MIN_VALUE;

  /** Counts one sample; negative values are a caller's bug (time does not run backwards). */
  public void record(long value) {
    if (value < 0) {
      throw new IllegalArgumentException("latency must not be negative, got " + value);
    }
    counts[index(value)]++;
    total++;
    min = Math.min(min, value);
    max = Math.max(max, value);
  }

  public long count() {
    return total;
  }

  /**
   * The sample at rank ceil(q * count) in sorted order (the nearest-rank definition), approximated
   * by its bucket's midpoint and clamped to the recorded range; NaN when nothing was recorded.
   */
  public double quantile(double q) {
    if (!(q > 0 && q <= 1)) {
      throw new IllegalArgumentException("quantile must be in (0, 1], got " + q);
    }
    if (total == 0) {
      return Double.NaN;
    }
    long rank = Math.max(1, (long) Math.ceil(q * total));
    long seen = 0;
    for (int i = 0; i < BUCKETS; i++) {
      seen += counts[i];
      if (seen >= rank) {
        double mid = (lowest(i) + (double) highest(i)) / 2;
        return Math.clamp(mid, (double) min, (double) max);
      }
    }
    throw new AssertionError("rank " + rank + " beyond total " + total);
  }

  static int index(long value) {
    if (value < SUB_COUNT) {
      return (int) value;
    }
    int exponent = 63 - Long.numberOfLeadingZeros(value); // >= SUB_BITS
    int shift = exponent - SUB_BITS;
    int sub = (int) (value >>> shift) - SUB_COUNT; // the 7 bits below the leading one
    return SUB_COUNT + shift * SUB_COUNT + sub;
  }

  static long lowest(int index) {
    if (index < SUB_COUNT) {
      return index;
    }
    int shift = (index - SUB_COUNT) / SUB_COUNT;
    int sub = (index - SUB_COUNT) % SUB_COUNT;
    return (long) (SUB_COUNT + sub) << shift;
  }

  static long highest(int index) {
    if (index < SUB_COUNT) {
      return index;
    }
    int shift = (index - SUB_COUNT) / SUB_COUNT;
    return lowest(index) + (1L << shift) - 1;
  }
}
