package dev.headroom.simulator.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.simulator.report.PolicyResult;
import dev.headroom.simulator.scenario.PolicySpec.Kind;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The comparison on tenants whose daily peaks do not coincide: where sharing by forecast should pay. */
class ExperimentTest {

  private static final List<Kind> POLICIES = List.of(Kind.STATIC, Kind.PREDICTIVE, Kind.ORACLE);

  private static Experiment.Outcome tenants() {
    // Two tenants whose peaks are six hours apart: their sum still has a peak, which the capacity
    // just covers, while an equal static share covers neither tenant's own peak.
    var series = new java.util.LinkedHashMap<String, dev.headroom.forecaster.series.RateSeries>();
    var rotated = TraceSeries.rotatedTenants(Traffic.daily(8, 12, 0.7), "tenant", 4);
    series.put("web", rotated.get("tenant-1"));
    series.put("mobile", rotated.get("tenant-2"));
    SimInput in = SimInput.of("test", series, SimInput.Plan.whole().withWindow(Duration.ofDays(1)).withSeed(5));
    Setup setup = Setup.size(Scenario.TENANTS, in, 1.0);
    return Experiment.run(in, setup, new Experiment.Options(POLICIES, 2, null));
  }

  @Test
  void predictiveSharingCutsAvoidableRejectionsAgainstTheBestStaticLimit() {
    Experiment.Outcome o = tenants();
    PolicyResult st = o.result("static");
    PolicyResult predictive = o.result("predictive");
    PolicyResult oracle = o.result("oracle");
    assertTrue(st.avoidableRejections() > 1000, "the static shares must reject at the tenants' peaks: " + st);
    Verdict v = Verdict.of(predictive, st, oracle);
    assertTrue(v.avoidableCut() >= 0.5, v.toString());
    assertTrue(v.overloadDelta() <= 0, v.toString());
    assertTrue(oracle.avoidableRejections() <= predictive.avoidableRejections() * 1.5 + 100,
        "perfect foresight does about as well or better: " + Verdict.of(oracle, st, oracle));
  }

  @Test
  void everyKeyDecidesAtEveryTickAndFallbacksAreCounted() {
    Experiment.Outcome o = tenants();
    long ticks = o.input().window().toSeconds() / 60 - 1; // every minute, but not at the window's end
    PolicyResult oracle = o.result("oracle");
    PolicyResult predictive = o.result("predictive");
    assertEquals(0, o.result("static").keyTicks(), "a static limit makes no decisions");
    assertEquals(2 * ticks, oracle.keyTicks(), "decisions for 2 keys");
    assertEquals(0, oracle.fallbackTicks(), "the oracle always has a forecast");
    assertEquals(oracle.keyTicks(), predictive.keyTicks());
    assertTrue(predictive.fallbackTicks() < predictive.keyTicks() / 10,
        "a week of history gives usable forecasts: " + predictive.fallbackTicks() + " fallbacks");
    assertEquals(predictive.fallbackTicks() == 0, predictive.fallbackReason() == null, predictive.fallbackReason());
    assertEquals(null, oracle.fallbackReason());
  }

  @Test
  void theBestStaticLimitIsTheSweepsBestAndIsReportedAsStatic() {
    Experiment.Outcome o = tenants();
    PolicyResult st = o.result("static");
    long bestGoodput = o.sweep().stream().mapToLong(PolicyResult::goodput).max().orElseThrow();
    assertTrue(st.goodput() >= 0.995 * bestGoodput);
    assertEquals(Policies.sweepFactors(Scenario.TENANTS).length, o.sweep().size());
    assertEquals(POLICIES.size(), o.comparison().results().size());
  }
}
