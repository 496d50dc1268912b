package dev.headroom.simulator.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

  private static final double[] QUANTILES = {0.01, 0.25, 0.5, 0.9, 0.95, 0.99, 0.999, 1.0};

  @Test
  void quantilesAreWithinOnePercentOfTheExactSortedOnes() {
    SplittableRandom random = new SplittableRandom(42);
    for (int run = 0; run < 20; run++) {
      int n = 1 + random.nextInt(50_000);
      long[] samples = new long[n];
      LatencyHistogram h = new LatencyHistogram();
      for (int i = 0; i < n; i++) {
        // Log-normal-ish latencies from microseconds to seconds, in nanoseconds.
        samples[i] = (long) Math.exp(random.nextDouble(7, 21));
        h.record(samples[i]);
      }
      Arrays.sort(samples);
      for (double q : QUANTILES) {
        long exact = samples[(int) Math.ceil(q * n) - 1];
        double got = h.quantile(q);
        assertTrue(Math.abs(got - exact) <= 0.01 * exact,
            "run " + run + " q=" + q + ": exact " + exact + ", histogram " + got);
      }
    }
  }

  @Test
  void smallValuesAreExact() {
    LatencyHistogram h = new LatencyHistogram();
    for (long v = 0; v < 100; v++) {
      h.record(v);
    }
    assertEquals(49, h.quantile(0.5));
    assertEquals(99, h.quantile(1.0));
    assertEquals(100, h.count());
  }

  @Test
  void bucketsTileTheWholeRangeWithoutGaps() {
    int last = LatencyHistogram.index(Long.MAX_VALUE);
    for (int i = 0; i <= last; i++) {
      assertEquals(i, LatencyHistogram.index(LatencyHistogram.lowest(i)));
      assertEquals(i, LatencyHistogram.index(LatencyHistogram.highest(i)));
      if (i < last) {
        assertEquals(LatencyHistogram.highest(i) + 1, LatencyHistogram.lowest(i + 1));
      }
    }
    assertEquals(Long.MAX_VALUE, LatencyHistogram.highest(last));
  }

  @Test
  void emptyHistogramHasNoQuantilesAndBadInputIsRefused() {
    LatencyHistogram h = new LatencyHistogram();
    assertTrue(Double.isNaN(h.quantile(0.5)));
    assertThrows(IllegalArgumentException.class, () -> h.record(-1));
    assertThrows(IllegalArgumentException.class, () -> h.quantile(0));
  }
}
