package dev.headroom.forecaster.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

class HoltWintersProperties {

  @Property(tries = 60)
  void parametersStayInRangeAndForecastsStaySane(@ForAll long seed,
      @ForAll @IntRange(min = 4, max = 21) int days, @ForAll @DoubleRange(min = 0.5, max = 5000) double mean,
      @ForAll @DoubleRange(min = 0.1, max = 1) double weekend,
      @ForAll @DoubleRange(min = -0.05, max = 0.1) double growth, @ForAll boolean multiplicative,
      @ForAll @IntRange(min = 0, max = 30) int outageHours) {
    double[] y = HoltWintersTestSeries.daily(seed, 24, days, mean, weekend, growth);
    y = HoltWintersTestSeries.withOutage(y, y.length / 2, Math.min(outageHours, y.length / 2));
    HoltWinters model = multiplicative ? HoltWinters.multiplicative() : HoltWinters.additive();
    HoltWintersState s = model.fit(y, Seasonality.of(24, 168));
    HoltWintersParameters p = s.parameters();
    assertTrue(p.alpha() >= HoltWintersParameters.ALPHA_MIN && p.alpha() <= HoltWintersParameters.ALPHA_MAX, p.toString());
    assertTrue(p.beta() >= 0 && p.beta() <= HoltWintersParameters.BETA_MAX, p.toString());
    assertTrue(p.gamma1() >= 0 && p.gamma1() <= HoltWintersParameters.GAMMA_MAX, p.toString());
    assertTrue(p.gamma2() >= 0 && p.gamma2() <= HoltWintersParameters.GAMMA_MAX, p.toString());
    assertTrue(s.periods().length == 2 || p.gamma2() == 0, p.toString());
    assertTrue(p.phi() >= HoltWintersParameters.PHI_MIN && p.phi() <= HoltWintersParameters.PHI_MAX, p.toString());
    double peak = Arrays.stream(y).max().orElseThrow();
    double[] f = s.forecast(24 * 3);
    for (double v : f) {
      assertTrue(Double.isFinite(v) && v >= 0 && v <= 10 * peak + 10, s + " " + Arrays.toString(f));
    }
  }
}
