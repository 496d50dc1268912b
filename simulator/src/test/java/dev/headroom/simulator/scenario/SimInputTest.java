package dev.headroom.simulator.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.simulator.report.PolicyResult;
import dev.headroom.simulator.workload.FlashCrowd;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimInputTest {

  private static final SimInput.Plan DAY = SimInput.Plan.whole().withWindow(Duration.ofDays(1));

  @Test
  void theWindowIsTheEndOfTheTraceAndEverythingBeforeItIsHistory() {
    SimInput in = SimInput.of("t", "api", Traffic.daily(3, 5, 0.5), DAY);
    assertEquals(Duration.ofDays(1), in.window());
    assertEquals(2 * 1440, in.history().getFirst().size());
    assertEquals(in.startNanos() / 1_000_000L, in.history().getFirst().endMillis());
    assertTrue(in.arrivals().time(0) >= in.startNanos());
  }

  @Test
  void whatIfsChangeTheTrafficButNotTheSystemItMeets() {
    var series = Traffic.daily(2, 5, 0.5);
    SimInput plain = SimInput.of("t", "api", series, DAY);
    SimInput doubled = SimInput.of("t", "api", series, DAY.withScale(2));
    SimInput crowded = SimInput.of("t", "api", series, DAY.withCrowds(List.of(new FlashCrowd(
        plain.start().plus(Duration.ofHours(12)), Duration.ofHours(1), 5, Duration.ofMinutes(5)))));
    assertEquals(plain.busyPerSecond(), doubled.busyPerSecond());
    assertEquals(plain.busyPerSecond(), crowded.busyPerSecond());
    assertTrue(doubled.arrivals().size() > 1.9 * plain.arrivals().size());
    assertTrue(crowded.arrivals().size() > plain.arrivals().size());
    assertEquals(Setup.size(Scenario.PROTECT, plain, 0.8), Setup.size(Scenario.PROTECT, crowded, 0.8));
    assertEquals(2 * plain.history().getFirst().value(0), doubled.history().getFirst().value(0), 1e-9);
  }

  @Test
  void thinningShrinksTheTrafficAndTheSystemAlike() {
    var series = Traffic.daily(2, 50, 0.5);
    SimInput plain = SimInput.of("t", "api", series, DAY);
    SimInput thin = SimInput.of("t", "api", series, DAY.withThin(0.1));
    assertEquals(0.1 * plain.busyPerSecond(), thin.busyPerSecond(), 1e-9);
    assertEquals(0.1 * plain.arrivals().size(), thin.arrivals().size(), 0.02 * plain.arrivals().size() * 0.1);
    assertEquals(0.1 * plain.history().getFirst().value(0), thin.history().getFirst().value(0), 1e-9);
    // The same miniature as scaling the traffic and the capacity factor by hand.
    Setup byHand = Setup.size(Scenario.PROTECT, SimInput.of("t", "api", series, DAY.withScale(0.1)), 0.08);
    Setup thinned = Setup.size(Scenario.PROTECT, thin, 0.8);
    assertEquals(byHand.capacityPerSecond(), thinned.capacityPerSecond(), 1e-9);
    assertEquals(byHand.workers(), thinned.workers());
    assertEquals(byHand.objectiveNanos(), thinned.objectiveNanos());
  }

  @Test
  void busyMinuteDemandIsThe99thPercentileOfPerMinuteDemand() {
    // 5/s on average, peaking at 7.5/s at 14:00: the busiest 1% of minutes sit near the peak.
    SimInput in = SimInput.of("t", "api", Traffic.daily(2, 5, 0.5), DAY);
    assertEquals(7.5, in.busyPerSecond(), 0.05);
  }

  @Test
  void aVerdictOnNothingToCutIsMetWhenNothingWasAdded() {
    PolicyResult zero = result("static", 0, 10);
    assertTrue(Verdict.of(result("predictive", 0, 5), zero, null).meetsSharedTarget());
    assertTrue(!Verdict.of(result("predictive", 3, 5), zero, null).meetsSharedTarget());
    assertTrue(Verdict.of(result("predictive", 0, 10), zero, null).meetsProtectTarget());
  }

  private static PolicyResult result(String name, long avoidable, double overload) {
    return new PolicyResult(name, 60, 100, 90, 10, avoidable, overload, 100, 90, 1, 2, 3, 80, 0, 0, 0, 0, 1, 0, 0, null,
        new PolicyResult.Series(new long[0], new long[0], new long[0], new double[0], new double[0]));
  }

}
