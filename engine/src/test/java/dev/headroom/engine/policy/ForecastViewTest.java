package dev.headroom.engine.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.forecaster.Forecaster;
import dev.headroom.forecaster.series.RateSeries;
import org.junit.jupiter.api.Test;

class ForecastViewTest {

  private static final long MINUTE = 60_000;

  @Test
  void peakIsReadOverTheStepsThatOverlapTheWindow() {
    ForecastView f = ForecastView.exact(0, 0, MINUTE, new double[] {60, 120, 600, 60}, "t");
    assertEquals(1, f.peakPerSecond(Quantile.MEAN, 0, MINUTE), 1e-12);            // step 0 only
    assertEquals(2, f.peakPerSecond(Quantile.MEAN, 30_000, MINUTE + 1), 1e-12);   // steps 0 and 1
    assertEquals(10, f.peakPerSecond(Quantile.MEAN, 0, 10 * MINUTE), 1e-12);
    assertTrue(Double.isNaN(f.peakPerSecond(Quantile.MEAN, 4 * MINUTE, 5 * MINUTE))); // past the end
  }

  @Test
  void isImmutable() {
    double[] values = {1, 2};
    ForecastView f = ForecastView.exact(0, 0, MINUTE, values, "t");
    values[0] = 99;
    f.mean()[1] = 99;
    assertArrayEquals(new double[] {1, 2}, f.mean());
  }

  @Test
  void ofAFittedForecastCarriesItsLinesAndTheForecastersFallbackMark() {
    double[] history = new double[200];
    for (int i = 0; i < history.length; i++) {
      history[i] = 100 + 50 * Math.sin(i * 2 * Math.PI / 20);
    }
    var fitted = Forecaster.defaults().fit(RateSeries.ofMillis(0, MINUTE, history), 10).forecast();
    ForecastView v = ForecastView.of(fitted, 12345);
    assertEquals(12345, v.madeAtMillis());
    assertEquals(fitted.startMillis(), v.startMillis());
    assertArrayEquals(fitted.p90(), v.p90());
    assertFalse(v.fallback(), v.model());

    var none = Forecaster.defaults().fit(RateSeries.ofMillis(0, MINUTE, new double[0]), 10).forecast();
    assertTrue(ForecastView.of(none, 0).fallback(), none.model());
  }

  @Test
  void rejectsMismatchedLines() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ForecastView(0, 0, MINUTE, new double[2], new double[2], new double[3], new double[2], "t", false));
    assertTrue(e.getMessage().contains("same length"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ForecastView.exact(0, 0, 0, new double[1], "t"));
  }
}
