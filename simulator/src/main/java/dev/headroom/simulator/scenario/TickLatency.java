package dev.headroom.simulator.scenario;

import java.util.Arrays;

/**
 * Latencies of one policy tick, for the reactive policy's p50 and p99: 256 buckets an eighth of an
 * octave wide from one microsecond (values read back within 9%), cleared at every tick. The report's
 * histogram is exact to 0.4% but 57 KiB; a tick needs only the order of magnitude, and ticks are many.
 */
final class TickLatency {

  private static final int BUCKETS = 256;
  private static final double PER_OCTAVE = 8;
  private final long[] counts = new long[BUCKETS];
  private long total;

  void record(long nanos) {
    double micros = Math.max(1, nanos / 1000.0);
    int i = (int) Math.min(BUCKETS - 1, Math.floor(Math.log(micros) / Math.log(2) * PER_OCTAVE));
    counts[i]++;
    total++;
  }

  /** The {@code q} quantile in milliseconds (bucket midpoint); NaN when nothing was recorded. */
  double quantileMillis(double q) {
    if (total == 0) {
      return Double.NaN;
    }
    long rank = Math.max(1, (long) Math.ceil(q * total));
    long seen = 0;
    for (int i = 0; i < BUCKETS; i++) {
      seen += counts[i];
      if (seen >= rank) {
        return Math.pow(2, (i + 0.5) / PER_OCTAVE) / 1000.0;
      }
    }
    return Double.NaN;
  }

  void clear() {
    Arrays.fill(counts, 0);
    total = 0;
  }
}
