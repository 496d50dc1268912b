package dev.headroom.engine.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** The predictive policy's clamps, step limit and guard rails over random forecasts. */
class PredictivePolicyProperties {

  private static final long MINUTE = 60_000;
  private static final long NOW = 1_700_000_000_000L;

  private static PredictivePolicy policy(double min, double max, double ratio) {
    return new PredictivePolicy(new PredictiveConfig(Quantile.P90, Duration.ofMinutes(5), Duration.ofMinutes(1),
        1.2, new RateBounds(min, max, ratio), Duration.ofMinutes(5)));
  }

  @Provide
  Arbitrary<double[]> perStep() {
    return Arbitraries.doubles().between(0, 1e6).array(double[].class).ofMinSize(1).ofMaxSize(30);
  }

  private static ForecastView view(long madeAt, double[] demand) {
    double[] p90 = Arrays.stream(demand).map(d -> d * 1.3).toArray();
    return new ForecastView(madeAt, madeAt, MINUTE, demand, demand, p90, p90, "test", false);
  }

  @Property(tries = 1000)
  void rateStaysWithinBoundsAndStepLimit(@ForAll("perStep") double[] demand,
      @ForAll @DoubleRange(min = 0.01, max = 100) double min,
      @ForAll @DoubleRange(min = 1, max = 1000) double spread,
      @ForAll @DoubleRange(min = 1.01, max = 4) double ratio,
      @ForAll @DoubleRange(min = 0, max = 1) double where) {
    PredictivePolicy p = policy(min, min * spread, ratio);
    double current = min + where * (min * spread - min);
    RateDecision d = p.decide(new PolicyInput(NOW, 50, current, Interval.EMPTY, view(NOW, demand)));
    assertFalse(d.fallback(), d.reason());
    double r = d.ratePerSecond();
    assertTrue(r >= min && r <= min * spread, () -> r + " outside bounds: " + d.reason());
    assertTrue(r <= current * ratio * (1 + 1e-12) && r >= current / ratio * (1 - 1e-12),
        () -> current + " -> " + r + " beyond ratio " + ratio + ": " + d.reason());
  }

  /** A whole run: every step keeps the step limit, whatever the forecasts do between ticks. */
  @Property(tries = 200)
  void aSequenceOfTicksNeverJumps(@ForAll("perStep") double[] levels,
      @ForAll @DoubleRange(min = 1.05, max = 3) double ratio) {
    PredictivePolicy p = policy(0.5, 1e6, ratio);
    KeyPolicyState key = new KeyPolicyState(10);
    for (int t = 0; t < levels.length; t++) {
      long now = NOW + t * MINUTE;
      double[] ahead = Arrays.copyOfRange(levels, t, levels.length);
      double before = key.rate();
      RateDecision d = key.tick(p, now, 10, Interval.EMPTY, view(now, ahead));
      assertTrue(d.ratePerSecond() <= Math.max(0.5, before) * ratio * (1 + 1e-12)
          && d.ratePerSecond() >= Math.max(0.5, before) / ratio * (1 - 1e-12), d.reason());
    }
  }

  @Property(tries = 300)
  void missingStaleOrFallbackForecastGivesTheStaticRate(
      @ForAll @IntRange(min = 0, max = 2) int problem,
      @ForAll @DoubleRange(min = 0, max = 1e5) double staticRate,
      @ForAll @DoubleRange(min = 0, max = 1e5) double current,
      @ForAll @LongRange(min = 5 * MINUTE + 1, max = 1_000 * MINUTE) long age) {
    ForecastView f = switch (problem) {
      case 0 -> null;
      case 1 -> view(NOW - age, new double[2000]);
      default -> new ForecastView(NOW, NOW, MINUTE, new double[10], new double[10], new double[10], new double[10],
          "fallback-none", true);
    };
    RateDecision d = policy(1, 100, 1.5).decide(new PolicyInput(NOW, staticRate, current, Interval.EMPTY, f));
    assertEquals(staticRate, d.ratePerSecond(), 0.0);
    assertTrue(d.fallback());
    String expected = switch (problem) {
      case 0 -> "no forecast";
      case 1 -> "stale";
      default -> "fallback-none";
    };
    assertTrue(d.reason().contains(expected), d.reason());
  }

  @Example
  void aForecastWithAHoleOrThatHasEndedFallsBack() {
    double[] holed = {10, Double.NaN, 10};
    RateDecision d = policy(1, 100, 1.5).decide(new PolicyInput(NOW, 7, 5, Interval.EMPTY, view(NOW, holed)));
    assertTrue(d.fallback() && d.ratePerSecond() == 7 && d.reason().contains("no value"), d.reason());

    ForecastView ended = view(NOW - 3 * MINUTE, new double[] {10, 10});
    d = policy(1, 100, 1.5).decide(new PolicyInput(NOW, 7, 5, Interval.EMPTY, ended));
    assertTrue(d.fallback() && d.ratePerSecond() == 7 && d.reason().contains("ends before now"), d.reason());
  }

  @Example
  void rateIsThePeakOfTheQuantileOverIntervalPlusLeadTimesHeadroom() {
    // Demand per minute: 60 now, 600 at +5 min (in the window), 6000 at +6 min (outside it).
    double[] demand = {60, 60, 60, 60, 60, 600, 6000};
    ForecastView f = ForecastView.exact(NOW, NOW, MINUTE, demand, "test");
    PredictivePolicy p = new PredictivePolicy(new PredictiveConfig(Quantile.P90, Duration.ofMinutes(5),
        Duration.ofMinutes(1), 1.5, new RateBounds(1, 1000, 100), Duration.ofMinutes(5)));
    RateDecision d = p.decide(new PolicyInput(NOW, 1, 10, Interval.EMPTY, f));
    assertEquals(600 / 60.0 * 1.5, d.ratePerSecond(), 1e-9, d.reason());
    assertFalse(d.fallback());
  }

  @Example
  void theConfiguredQuantileIsTheOneRead() {
    double[] low = {60, 60};
    double[] high = {600, 600};
    ForecastView f = new ForecastView(NOW, NOW, MINUTE, low, low, low, high, "test", false);
    PredictiveConfig p99 = new PredictiveConfig(Quantile.P99, Duration.ZERO, Duration.ofMinutes(1), 1,
        new RateBounds(1, 1000, 100), Duration.ofMinutes(5));
    PredictiveConfig p90 = new PredictiveConfig(Quantile.P90, Duration.ZERO, Duration.ofMinutes(1), 1,
        new RateBounds(1, 1000, 100), Duration.ofMinutes(5));
    PolicyInput in = new PolicyInput(NOW, 1, 5, Interval.EMPTY, f);
    assertEquals(10, new PredictivePolicy(p99).decide(in).ratePerSecond(), 1e-9);
    assertEquals(1, new PredictivePolicy(p90).decide(in).ratePerSecond(), 1e-9);
  }
}
