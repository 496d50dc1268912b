package dev.headroom.forecaster.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.forecaster.Synthetic;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ModelsTest {

  private static final Seasonality DAY = Seasonality.of(24);

  @Test
  void seasonalNaiveRepeatsTheLastSeasonAndFollowsUpdates() {
    double[] y = {1, 2, 3, 4, 5, 6};
    Fitted f = new SeasonalNaive().fit(y, Seasonality.of(3));
    assertArrayEquals(new double[] {4, 5, 6, 4, 5}, f.forecast(5));
    f.update(10);
    assertArrayEquals(new double[] {5, 6, 10, 5}, f.forecast(4));
  }

  @Test
  void seasonalMeanAveragesTheSamePhaseOfTheLastSeasons() {
    double[] y = {9, 9, 1, 2, 3, 4, 5, 6};
    Fitted f = new SeasonalMean(2).fit(y, Seasonality.of(3));
    // The last two seasons are [1, 2, 3] and [4, 5, 6].
    double[] expected = {(1 + 4) / 2.0, (2 + 5) / 2.0, (3 + 6) / 2.0};
    assertArrayEquals(expected, f.forecast(3), 1e-12);
    f.update(7); // replaces the oldest value at that phase, 1
    assertEquals((4 + 7) / 2.0, f.forecast(3)[2], 1e-12);
  }

  @Test
  void harmonicRegressionRecoversAnExactCycleAndTrend() {
    int n = 24 * 10;
    double[] y = new double[n + 48];
    for (int t = 0; t < y.length; t++) {
      y[t] = 100 + 0.05 * t + 20 * Math.sin(2 * Math.PI * t / 24) + 5 * Math.cos(4 * Math.PI * t / 24);
    }
    Fitted f = new HarmonicRegression(HarmonicRegression.Transform.NONE, 0, 8).fit(Arrays.copyOf(y, n), DAY);
    double[] forecast = f.forecast(48);
    for (int h = 0; h < 48; h++) {
      assertEquals(y[n + h], forecast[h], 1e-6, "step " + h);
    }
  }

  @Test
  void harmonicRegressionUpdateKeepsTimeAligned() {
    double[] y = Synthetic.counts(24 * 21 + 1, 24, 500, 0, 7);
    HarmonicRegression model = new HarmonicRegression(HarmonicRegression.Transform.LOG, 2, 4);
    Fitted updated = model.fit(Arrays.copyOf(y, y.length - 1), Seasonality.of(24, 168));
    updated.update(y[y.length - 1]);
    Fitted refitted = model.fit(y, Seasonality.of(24, 168));
    // Same profile one step later: forecasts agree up to the tiny change of coefficients.
    double[] a = updated.forecast(24);
    double[] b = refitted.forecast(24);
    for (int h = 0; h < 24; h++) {
      assertEquals(b[h], a[h], 0.05 * b[h] + 5, "step " + h);
    }
  }

  @Test
  void seasonalArCarriesAPersistentDeviationForward() {
    // Yesterday's shape, but today everything runs 30% higher: the AR sees it, the naive does not.
    int m = 24;
    double[] y = Synthetic.counts(m * 14, m, 1000, 0, 3);
    for (int t = m * 13; t < y.length; t++) {
      y[t] *= 1.3;
    }
    int cut = y.length - 6;
    double[] train = Arrays.copyOf(y, cut);
    double[] ar = new SeasonalAr(3).fit(train, DAY).forecast(6);
    double[] naive = new SeasonalNaive().fit(train, DAY).forecast(6);
    assertTrue(Synthetic.mae(y, cut, ar) < 0.6 * Synthetic.mae(y, cut, naive),
        "AR " + Synthetic.mae(y, cut, ar) + " vs naive " + Synthetic.mae(y, cut, naive));
  }

  @Test
  void forecastsAreNeverNegative() {
    double[] y = new double[24 * 8];
    for (int t = 0; t < y.length; t++) {
      y[t] = Math.max(0, 50 - 2.0 * (t / 24) * 3) * (t % 24 < 12 ? 1 : 0); // falling, with zero nights
    }
    for (ForecastModel model : new ForecastModel[] {new SeasonalAr(2), new SeasonalMean(3),
        new HarmonicRegression(HarmonicRegression.Transform.NONE, 2, 4),
        new HarmonicRegression(HarmonicRegression.Transform.LOG, 2, 4)}) {
      for (double v : model.fit(y, DAY).forecast(72)) {
        assertTrue(v >= 0 && Double.isFinite(v), model.name() + " gave " + v);
      }
    }
  }

  @Test
  void tooShortHistoryIsRejectedWithTheModelsName() {
    var e = assertThrows(IllegalArgumentException.class, () -> new SeasonalMean(7).fit(new double[30], DAY));
    assertTrue(e.getMessage().contains("seasonal-mean7"), e.getMessage());
  }
}
