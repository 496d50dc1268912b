/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.engine.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

  @Test
  void bucketsAreOrderedAndMidpointsWithinAnEighthOfTheValue() {
    int previous = 0;
    for (long v = 1 << 10; v < (1L << 37); v += Math.max(1, v / 97)) {
      int b = LatencyHistogram.bucket(v);
      assertTrue(b >= previous, "bucket of " + v + " went down");
      previous = b;
      double mid = LatencyHistogram.midpointNanos(b);
      assertTrue(Math.abs(mid - v) <= v * 0.125, v + " ns reported as " + mid);
    }
    assertEquals(0, LatencyHistogram.bucket(0));
    assertEquals(0, LatencyHistogram.bucket(1023));
    assertEquals(1, LatencyHistogram.bucket(1024));
    assertEquals(LatencyHistogram.BUCKETS - 1, LatencyHistogram.bucket(Long.MAX_VALUE));
  }

  @Test
  void drainingZeroesAndQuantilesFollowRanks() {
    LatencyHistogram h = new LatencyHistogram();
    for (int i = 0; i < 99; i++) {
      h.record(1_000_000); // 1 ms
    }
    h.record(1_000_000_000); // 1 s
    long[] counts = new long[LatencyHistogram.BUCKETS];
    assertEquals(100, h.drainInto(counts));
    assertEquals(1.0, LatencyHistogram.quantileMillis(counts, 100, 0.50), 0.125);
    assertEquals(1.0, LatencyHistogram.quantileMillis(counts, 100, 0.99), 0.125);
    assertEquals(1000.0, LatencyHistogram.quantileMillis(counts, 100, 1.0), 125);
    assertEquals(0, h.drainInto(new long[LatencyHistogram.BUCKETS]), "drained to zero");
    assertTrue(Double.isNaN(LatencyHistogram.quantileMillis(new long[LatencyHistogram.BUCKETS], 0, 0.5)));
  }
}
