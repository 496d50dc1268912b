package dev.headroom.forecaster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.forecaster.series.RateSeries;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Whatever the history, the forecaster answers with finite, ordered, non-negative bounds. */
class FallbackProperties {

  @Provide
  Arbitrary<double[]> histories() {
    Arbitrary<Double> value = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(6, Arbitraries.doubles().between(0, 1e6)),
        net.jqwik.api.Tuple.of(2, Arbitraries.just(0.0)),
        net.jqwik.api.Tuple.of(1, Arbitraries.just(Double.NaN)));
    return value.array(double[].class).ofMinSize(0).ofMaxSize(600);
  }

  @Property(tries = 150)
  void neverThrowsAndBoundsAreSane(@ForAll("histories") double[] y, @ForAll @IntRange(min = 1, max = 60) int horizon) {
    Forecast f = Forecaster.defaults().fit(RateSeries.ofMillis(0, 3_600_000L, y), horizon).forecast();
    assertEquals(horizon, f.horizon());
    for (int h = 0; h < horizon; h++) {
      double mean = f.mean()[h];
      assertTrue(Double.isFinite(mean) && mean >= 0, "mean " + mean);
      assertTrue(f.p50()[h] >= 0 && f.p50()[h] <= f.p90()[h] && f.p90()[h] <= f.p99()[h]
          && Double.isFinite(f.p99()[h]), "quantiles at " + h);
    }
  }
}
