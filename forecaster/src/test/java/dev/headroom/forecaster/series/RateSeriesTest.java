package dev.headroom.forecaster.series;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateSeriesTest {

  private static final double NaN = Double.NaN;

  @Test
  void aggregationKeepsMissingDistinctFromZero() {
    RateSeries s = RateSeries.ofMillis(0, 1000, new double[] {1, 2, 0, 0, NaN, 3, 4});
    RateSeries two = s.aggregate(Duration.ofSeconds(2));
    assertArrayEquals(new double[] {3, 0, NaN}, two.values()); // the trailing partial block is dropped
    assertEquals(1, two.missingCount());
  }

  @Test
  void alignedAggregationStartsAtAWholeStep() {
    RateSeries s = RateSeries.ofMillis(1000, 1000, new double[] {9, 1, 1, 2, 2});
    RateSeries two = s.aggregateAligned(Duration.ofSeconds(2));
    assertEquals(2000, two.startMillis());
    assertArrayEquals(new double[] {2, 4}, two.values());
  }

  @Test
  void leadingMissingIntervalsAreTrimmedOthersKept() {
    RateSeries s = RateSeries.ofMillis(0, 10, new double[] {NaN, NaN, 5, NaN, 0});
    RateSeries t = s.trimLeadingMissing();
    assertEquals(20, t.startMillis());
    assertArrayEquals(new double[] {5, NaN, 0}, t.values());
    RateSeries none = RateSeries.ofMillis(0, 10, new double[] {NaN, NaN});
    assertSame(none, none.trimLeadingMissing());
  }

  @Test
  void interpolationFillsGapsOnly() {
    RateSeries s = RateSeries.ofMillis(0, 10, new double[] {NaN, 2, NaN, NaN, 8, NaN});
    assertArrayEquals(new double[] {2, 2, 4, 6, 8, 8}, s.interpolateMissing().values(), 1e-12);
  }

  @Test
  void badStepsAndAppendsAreRefusedByName() {
    assertThrows(IllegalArgumentException.class, () -> RateSeries.ofMillis(0, 0, new double[1]));
    RateSeries a = RateSeries.ofMillis(0, 10, new double[] {1});
    var e = assertThrows(IllegalArgumentException.class, () -> a.append(RateSeries.ofMillis(50, 10, new double[] {1})));
    assertTrue(e.getMessage().contains("cannot append"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> a.aggregate(Duration.ofMillis(15)));
  }
}
