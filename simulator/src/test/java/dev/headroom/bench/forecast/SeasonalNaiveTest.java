package dev.headroom.bench.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SeasonalNaiveTest {

  private static final double EPS = 1e-12;
  private static final double[] TRAIN = {1, 2, 3, 2, 4, 3, 3, 5, 4};

  @Test
  void repeatsTheLastSeasonWithBoundsFromSeasonalDifferences() {
    MethodForecast f = new SeasonalNaive().forecast(TRAIN, 3, 3, 60_000L);
    assertArrayEquals(new double[] {3, 5, 4}, f.mean(), EPS);
    // lag-3 differences: 1 2 0 1 1 1 -> sorted 0 1 1 1 1 2; q90 at position 4.5 = 1.5, q99 at 4.95 = 1.95
    assertArrayEquals(new double[] {4.5, 6.5, 5.5}, f.p90(), EPS);
    assertArrayEquals(new double[] {4.95, 6.95, 5.95}, f.p99(), EPS);
  }

  @Test
  void beyondOneSeasonItRepeatsTheSameSeasonWithErrorsAtTheLongerLag() {
    MethodForecast f = new SeasonalNaive().forecast(TRAIN, 3, 4, 60_000L);
    assertArrayEquals(new double[] {3, 5, 4, 3}, f.mean(), EPS);
    // step 4 is two seasons past y[6] = 3; lag-6 differences 2 3 1 -> q90 at position 1.8 = 2.8
    assertArrayEquals(new double[] {4.5, 6.5, 5.5, 5.8}, f.p90(), EPS);
  }

  @Test
  void refusesAHistoryTooShortForTheHorizon() {
    assertThrows(IllegalArgumentException.class, () -> new SeasonalNaive().forecast(new double[] {1, 2, 3}, 3, 1, 60_000L));
  }
}
