/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.engine.telemetry;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Latencies of one key in one interval, in log-linear buckets: four per power of two from 1.024 µs
 * to about 137 s, so a quantile is within 12.5% of the truth (half a bucket) at a fixed 106 longs.
 * The reactive policy needs p50 and p99 per interval; an exact sketch would cost far more per key.
 * Recording is one atomic add; {@link #drainInto} reads and zeroes each bucket atomically, so no
 * concurrent record is lost, it lands in this interval or the next.
 */
final class LatencyHistogram {

  /** Latencies below 2^MIN_EXP ns share bucket 0. */
  private static final int MIN_EXP = 10;
  /** Latencies from 2^MAX_EXP ns up share the last bucket. */
  private static final int MAX_EXP = 37;
  private static final int SUB_BITS = 2;
  private static final int SUBS = 1 << SUB_BITS;
  static final int BUCKETS = 1 + (MAX_EXP - MIN_EXP) * SUBS + 1;

  private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);

  void record(long nanos) {
    counts.getAndIncrement(bucket(nanos));
  }

  /** Adds the counts to {@code out} and zeroes them here; returns how many there were. */
  long drainInto(long[] out) {
    long total = 0;
    for (int i = 0; i < BUCKETS; i++) {
      if (counts.get(i) != 0) {
        long c = counts.getAndSet(i, 0);
        out[i] += c;
        total += c;
      }
    }
    return total;
  }

  /** Adds counts drained elsewhere (a straggler cell being merged back). */
  void addAll(long[] drained) {
    for (int i = 0; i < BUCKETS; i++) {
      if (drained[i] != 0) {
        counts.getAndAdd(i, drained[i]);
      }
    }
  }

  static int bucket(long nanos) {
    if (nanos < (1L << MIN_EXP)) {
      return 0;
    }
    int exp = 63 - Long.numberOfLeadingZeros(nanos);
    if (exp >= MAX_EXP) {
      return BUCKETS - 1;
    }
    int sub = (int) (nanos >>> (exp - SUB_BITS)) & (SUBS - 1);
    return 1 + (exp - MIN_EXP) * SUBS + sub;
  }

  /** Midpoint of bucket {@code b} in nanoseconds: the value a quantile landing there reports. */
  static double midpointNanos(int b) {
    if (b == 0) {
      return (1L << MIN_EXP) / 2.0;
    }
    if (b == BUCKETS - 1) {
      return 1L << MAX_EXP;
    }
    int exp = (b - 1) / SUBS + MIN_EXP;
    int sub = (b - 1) % SUBS;
    long width = 1L << (exp - SUB_BITS);
    return (SUBS + sub) * (double) width + width / 2.0;
  }

  /** The {@code q} quantile (0 < q <= 1) of drained counts in milliseconds; NaN when there are none. */
  static double quantileMillis(long[] drained, long total, double q) {
    if (total <= 0) {
      return Double.NaN;
    }
    long rank = Math.max(1, (long) Math.ceil(q * total));
    long seen = 0;
    for (int i = 0; i < BUCKETS; i++) {
      seen += drained[i];
      if (seen >= rank) {
        return midpointNanos(i) / 1e6;
      }
    }
    return midpointNanos(BUCKETS - 1) / 1e6;
  }
}
