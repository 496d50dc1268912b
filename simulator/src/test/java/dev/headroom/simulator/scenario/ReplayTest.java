package dev.headroom.simulator.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.engine.clock.ManualClock;
import dev.headroom.engine.limiter.PackedLimiter;
import dev.headroom.engine.limiter.Rate;
import dev.headroom.engine.limiter.TokenBucket;
import dev.headroom.engine.policy.StaticPolicy;
import dev.headroom.simulator.report.PolicyResult;
import dev.headroom.simulator.workload.Arrivals;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReplayTest {

  private static SimInput input(Scenario scenario) {
    var series = Traffic.daily(1, 20, 0.6);
    return SimInput.of("test", "api", series, SimInput.Plan.whole().withWindow(Duration.ofHours(6)).withSeed(3));
  }

  @Test
  void theReplaysBucketAdmitsExactlyWhatTheLimiterCoreAdmitsOnTheSameArrivals() {
    SimInput in = input(Scenario.PROTECT);
    Setup setup = Traffic.withoutRetries(Setup.size(Scenario.PROTECT, in, 0.8));
    double rate = 0.7 * setup.capacityPerSecond();
    PolicyResult r = Replay.run(in, setup, PolicyPlan.of("static", StaticPolicy.INSTANCE, new double[] {rate}, null,
        false, false));

    Arrivals a = in.arrivals();
    ManualClock clock = new ManualClock(a.time(0));
    PackedLimiter bucket = TokenBucket.of(Rate.perSecond(rate), Math.round(rate * setup.burstSeconds()))
        .limiter(clock);
    long admitted = 0;
    for (int i = 0; i < a.size(); i++) {
      clock.set(a.time(i));
      if (bucket.tryAcquire(1)) {
        admitted++;
      }
    }
    assertTrue(admitted < a.size(), "the limit must bind for the comparison to mean something");
    assertEquals(a.size(), r.offered());
    assertEquals(admitted, r.admitted());
    assertEquals(a.size() - admitted, r.rejected());
  }

  @Test
  void aRunDependsOnlyOnItsInputsAndSeeds() {
    SimInput in = input(Scenario.PROTECT);
    Setup setup = Setup.size(Scenario.PROTECT, in, 0.8);
    PolicyPlan plan = PolicyPlan.of("static", StaticPolicy.INSTANCE, new double[] {0.9 * setup.capacityPerSecond()},
        null, false, false);
    assertEquals(Replay.run(in, setup, plan), Replay.run(in, setup, plan));
  }

  @Test
  void noLimiterAdmitsEverythingAndOverloadsTheBackendAtThePeak() {
    SimInput in = input(Scenario.PROTECT);
    Setup setup = Traffic.withoutRetries(Setup.size(Scenario.PROTECT, in, 0.5));
    PolicyResult r = Replay.run(in, setup, PolicyPlan.of("none", null, new double[] {1}, null, false, false));
    assertEquals(in.arrivals().size(), r.admitted());
    assertEquals(0, r.rejected());
    assertTrue(r.overloadSeconds() > 0, "half the peak's capacity with no limit must overload");
  }

  @Test
  void theQuotaScenarioNeverSendsMoreThanTheQuotaInACalendarMinute() {
    SimInput in = input(Scenario.QUOTA);
    Setup setup = Traffic.withoutRetries(Setup.size(Scenario.QUOTA, in, 0.5));
    // Unpaced: only the calendar quota stands between the traffic and the provider.
    PolicyResult r = Replay.run(in, setup, PolicyPlan.of("none", null, new double[] {1}, null, false, false));
    long minutes = in.window().toMinutes();
    assertTrue(r.admitted() <= setup.quota() * (minutes + 1), r.admitted() + " sent in " + minutes + " minutes");
    assertTrue(r.quotaWindowsExhausted() > 0, "half the busy minute's demand must exhaust some windows");
    long perMinute = r.admitted() / minutes;
    assertTrue(perMinute <= setup.quota(), perMinute + " per minute on average against a quota of " + setup.quota());
  }
}
