package dev.headroom.bench.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MetricsTest {

  private static final double EPS = 1e-12;

  @Test
  void scaleIsTheMeanAbsoluteSeasonalDifferenceOfTheTrainingData() {
    // m = 2: |3-1| = 2, |2-4| = 2, |7-3| = 4, |2-2| = 0 -> mean 2
    assertEquals(2.0, Metrics.seasonalNaiveScale(new double[] {1, 4, 3, 2, 7, 2}, 2), EPS);
  }

  @Test
  void scaleNeedsMoreThanOneSeason() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Metrics.seasonalNaiveScale(new double[] {1, 2}, 2));
    assertEquals("the MASE scale needs more than m = 2 training points, got 2", e.getMessage());
  }

  @Test
  void maseDividesTheMeanAbsoluteErrorOfTheFirstNPointsByTheScale() {
    double[] actual = {10, 20, 30, 1000};
    double[] forecast = {12, 17, 30, 0};
    // n = 3: (2 + 3 + 0) / 3 = 5/3, over scale 2 -> 5/6; the 4th point is outside the horizon
    assertEquals(5.0 / 6, Metrics.mase(actual, forecast, 3, 2.0), EPS);
  }

  @Test
  void smapeCountsATermWithBothZeroAsZero() {
    double[] actual = {0, 10, 0, 5};
    double[] forecast = {0, 30, 4, 5};
    // terms: 0 (both zero), 2*20/40 = 1, 2*4/4 = 2, 0 -> mean 3/4 -> 75 %
    assertEquals(75.0, Metrics.smape(actual, forecast, 4), EPS);
  }

  @Test
  void coverageCountsPointsAtOrBelowTheBound() {
    double[] actual = {1, 2, 3, 4, 5};
    double[] upper = {1, 1, 4, 4, 4.999};
    // 1<=1 yes, 2<=1 no, 3<=4 yes, 4<=4 yes, 5<=4.999 no -> 3 of 5
    assertEquals(60.0, Metrics.coverage(actual, upper, 5), EPS);
    assertEquals(50.0, Metrics.coverage(actual, upper, 2), EPS);
  }

  @Test
  void quantilesInterpolateBetweenOrderStatisticsAsNumpyDoes() {
    double[] v = {4, 1, 3, 2};
    // sorted 1 2 3 4: position q*(n-1)
    assertEquals(3.7, Quantiles.of(v, 0.9), EPS); // numpy.quantile([1,2,3,4], 0.9) = 3.7
    assertEquals(2.5, Quantiles.median(v), EPS);
    assertEquals(1.0, Quantiles.of(v, 0), EPS);
    assertEquals(4.0, Quantiles.of(v, 1), EPS);
    assertEquals(7.0, Quantiles.of(new double[] {7}, 0.99), EPS);
  }
}
