package dev.headroom.simulator.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.forecaster.series.RateSeries;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

class IntervalExpansionProperties {

  @Property(tries = 300)
  void expansionKeepsEveryIntervalsCountExactlyAndStaysInside(
      @ForAll @Size(min = 1, max = 40) int[] rawCounts,
      @ForAll @IntRange(min = 1, max = 3_600_000) int stepMillis,
      @ForAll @LongRange(min = 0, max = 4_000_000_000_000L) long startMillis,
      @ForAll Spread spread, @ForAll long seed) {
    double[] counts = new double[rawCounts.length];
    for (int i = 0; i < counts.length; i++) {
      counts[i] = Math.floorMod(rawCounts[i], 300);
    }
    RateSeries series = RateSeries.ofMillis(startMillis, stepMillis, counts);
    ArrivalSource source = Workload.of(series, spread).open(seed);
    long stepNanos = stepMillis * 1_000_000L;
    long startNanos = startMillis * 1_000_000L;
    long[] perInterval = new long[counts.length];
    long previous = Long.MIN_VALUE;
    for (long t = source.next(); t != ArrivalSource.END; t = source.next()) {
      assertTrue(t >= previous, "sorted");
      previous = t;
      long offset = t - startNanos;
      assertTrue(offset >= 0 && offset < stepNanos * counts.length, "inside the series");
      perInterval[(int) (offset / stepNanos)]++;
      assertEquals(0, source.key());
    }
    assertEquals(ArrivalSource.END, source.next(), "stays ended");
    for (int i = 0; i < counts.length; i++) {
      assertEquals((long) counts[i], perInterval[i], "interval " + i);
    }
  }
}
