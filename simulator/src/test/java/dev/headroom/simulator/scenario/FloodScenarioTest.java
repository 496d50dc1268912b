package dev.headroom.simulator.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.engine.policy.StaticPolicy;
import dev.headroom.forecaster.series.RateSeries;
import dev.headroom.simulator.report.PolicyResult;
import dev.headroom.simulator.scenario.PolicySpec.Kind;
import dev.headroom.simulator.workload.Flood;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The flood scenario: labelled traffic through the replay, the two static sweeps, the comparison. */
class FloodScenarioTest {

  /** Three tenants with peaks eight hours apart, 4 days of history and a day of window; floods as given. */
  static SimInput input(List<Flood> floods, boolean schedule) {
    var rotated = TraceSeries.rotatedTenants(Traffic.daily(5, 6, 0.6), "tenant", 3);
    SimInput.Plan plan = SimInput.Plan.whole().withWindow(Duration.ofDays(1)).withSeed(3).withFloods(floods, schedule);
    return SimInput.of("test", rotated, plan);
  }

  static final Instant WINDOW_START = Instant.ofEpochMilli(Traffic.START_MILLIS).plus(Duration.ofDays(4));

  @Test
  void everyRequestIsCountedUnderItsLabelAndRetriesKeepTheirs() {
    SimInput in = input(List.of(new Flood("tenant-1", WINDOW_START.plus(Duration.ofHours(3)), Duration.ofMinutes(40),
        6)), false);
    Setup setup = Setup.size(Scenario.FLOOD, in, 1.0);
    PolicyResult none = Replay.run(in, setup, PolicyPlan.of("none", null, new double[] {1, 1, 1}, null, false, false));
    // No limiter admits all; a request the drowned backend fails comes back as a retry, still abusive.
    assertTrue(none.labels().abusiveOffered() >= in.arrivals().abusiveCount(), none.labels().toString());
    assertEquals(none.labels().abusiveOffered(), none.labels().abusiveAdmitted());
    assertEquals(0, none.labels().legitimateRejected());
    // A tight static limit on every key: rejected requests come back as retries, under their own label.
    double[] tight = {0.5, 0.5, 0.5};
    PolicyResult st = Replay.run(in, setup, PolicyPlan.of("static", StaticPolicy.INSTANCE, tight, null, false, false));
    PolicyResult.Labels l = st.labels();
    assertEquals(st.offered(), l.legitimateOffered() + l.abusiveOffered());
    assertEquals(l.abusiveOffered(), l.abusiveAdmitted() + l.abusiveRejected());
    assertEquals(st.rejected(), l.legitimateRejected() + l.abusiveRejected());
    assertTrue(l.abusiveOffered() > in.arrivals().abusiveCount(), "abusive retries count as abusive: " + l);
    assertTrue(l.legitimateOffered() > in.arrivals().size() - in.arrivals().abusiveCount(),
        "legitimate retries count as legitimate");
    assertTrue(l.legitimateAvoidable() <= l.legitimateRejected());
    long perTenant = l.tenantGoodput().values().stream().mapToLong(Long::longValue).sum();
    assertEquals(l.legitimateGoodput(), perTenant, "goodput per tenant adds up to the legitimate goodput");
    assertEquals(3, l.tenantGoodput().size());
  }

  @Test
  void oneGlobalLimitIsOneBucketForAllKeys() {
    SimInput in = input(List.of(), false);
    Setup setup = Traffic.withoutRetries(Setup.size(Scenario.FLOOD, in, 1.0));
    double rate = 0.5 * setup.capacityPerSecond();
    PolicyResult global = Replay.run(in, setup, PolicyPlan.global("g", rate, 3));
    double seconds = in.window().toSeconds();
    // One bucket at half the capacity admits about half the capacity's worth, whichever keys ask.
    assertEquals(rate * seconds, global.admitted(), 0.02 * rate * seconds);
    PolicyResult perKey = Replay.run(in, setup, PolicyPlan.of("k", StaticPolicy.INSTANCE,
        new double[] {rate / 3, rate / 3, rate / 3}, null, false, false));
    assertTrue(perKey.admitted() < global.admitted(), "split three ways, a quiet key's share goes unused");
  }

  @Test
  void theBestStaticLimitIsTheLoosestAsHealthyAsAny() {
    List<PolicyResult> sweep = new ArrayList<>();
    sweep.add(result("x0.5", 0, 900, 10));
    sweep.add(result("x1.0", 30, 400, 50)); // within the 60 s tolerance of the least overload
    sweep.add(result("x2.0", 500, 100, 400));
    assertEquals(1, Experiment.bestForFlood(sweep));
    sweep.set(1, result("x1.0", 200, 400, 50));
    assertEquals(0, Experiment.bestForFlood(sweep), "beyond the tolerance, overload decides");
  }

  private static PolicyResult result(String name, double overload, long legitRejected, long abusiveAdmitted) {
    PolicyResult base = new PolicyResult(name, 60, 1000, 900, 100, 10, overload, 100, 900, 1, 2, 3, 800, 0, 0, 0, 0,
        1, 0, 0, null, new PolicyResult.Series(new long[0], new long[0], new long[0], new double[0], new double[0]));
    return new PolicyResult(name, 60, 1000, 900, 100, 10, overload, 100, 900, 1, 2, 3, 800, 0, 0, 0, 0, 1, 0, 0, null,
        base.series(), new PolicyResult.Labels(1000, legitRejected, 0, 500, abusiveAdmitted, 0, 800, 0, Map.of()));
  }

  @Test
  void aSweepWhoseBestSitsOnItsEdgeIsWidenedOrSaysSo() {
    SimInput in = input(List.of(), false);
    Setup setup = Setup.size(Scenario.FLOOD, in, 1.0);
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      int[] replays = {0};
      // Without floods, looser is never less healthy: the best runs off the top of any grid.
      Experiment.Sweep s = Experiment.sweep("static-global", new double[] {0.2, 0.3}, f -> Policies.globalAt(setup, f),
          in, setup, pool, new Experiment.Options(List.of(Kind.NONE), 2, null), replays);
      assertEquals(Experiment.MAX_WIDENING, s.widened());
      assertTrue(s.onEdge(), "still on the edge after widening: reported as not tuned");
      assertTrue(s.describe("the capacity").contains("NOT TUNED"), s.describe("the capacity"));
      assertEquals(2 + Experiment.MAX_WIDENING, replays[0]);
      assertEquals(0.3 * Math.pow(1.4, Experiment.MAX_WIDENING), s.factors().getLast(), 1e-9);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void theComparisonRunsEveryFloodPolicyOnTheSameTraffic() {
    SimInput in = input(List.of(), true);
    assertFalse(in.floods().isEmpty(), "a seeded schedule of floods");
    assertTrue(in.arrivals().abusiveCount() > 0);
    Setup setup = Setup.size(Scenario.FLOOD, in, 1.0);
    List<Kind> kinds = PolicySpec.defaults(Scenario.FLOOD);
    Experiment.Outcome o = Experiment.run(in, setup, new Experiment.Options(kinds, 2, null));
    Map<String, PolicyResult> byName = new LinkedHashMap<>();
    o.comparison().results().forEach(r -> byName.put(r.policy(), r));
    assertEquals(List.of("none", "static-global", "static-per-key", "reactive", "predictive", "predictive-hold",
        "predictive-shed", "oracle"), new ArrayList<>(byName.keySet()));
    long legitimateFirstAttempts = in.arrivals().size() - in.arrivals().abusiveCount();
    for (PolicyResult r : byName.values()) {
      assertTrue(r.labels().legitimateOffered() >= legitimateFirstAttempts, r.policy() + ": same traffic");
      assertTrue(r.labels().abusiveOffered() >= in.arrivals().abusiveCount(), r.policy() + ": same floods");
    }
    assertEquals(2, o.sweeps().size());
    assertEquals("static-global", o.sweeps().get(0).name());
    assertEquals(o.sweeps().get(1).bestResult().labels(), byName.get("static-per-key").labels());
    assertTrue(byName.get("predictive-hold").labels().shedDecisions() >= 0);
    assertEquals(0, byName.get("static-per-key").labels().shedDecisions());
    FloodVerdict v = FloodVerdict.of(byName.get("predictive-hold"), byName.get("static-per-key"), true);
    assertTrue(v.toString().startsWith("predictive-hold: target "), v.toString());
  }

  @Test
  void aFlashCrowdStaysLegitimateAndOnlyFloodsAreAbusive() {
    var rotated = TraceSeries.rotatedTenants(Traffic.daily(5, 6, 0.6), "tenant", 3);
    var crowd = new dev.headroom.simulator.workload.FlashCrowd(WINDOW_START.plus(Duration.ofHours(5)),
        Duration.ofHours(1), 4, Duration.ZERO);
    SimInput.Plan plan = SimInput.Plan.whole().withWindow(Duration.ofDays(1)).withSeed(3)
        .withCrowds(List.of(crowd));
    SimInput crowded = SimInput.of("test", rotated, plan);
    SimInput plain = SimInput.of("test", rotated, plan.withCrowds(List.of()));
    assertTrue(crowded.arrivals().size() > plain.arrivals().size() * 1.05, "the crowd adds arrivals");
    assertEquals(0, crowded.arrivals().abusiveCount(), "a flash crowd is legitimate");
    SimInput flooded = SimInput.of("test", rotated, plan.withFloods(List.of(new Flood("tenant-3",
        WINDOW_START.plus(Duration.ofHours(5)), Duration.ofMinutes(30), 3)), false));
    assertEquals(flooded.arrivals().size() - crowded.arrivals().size(), flooded.arrivals().abusiveCount());
    assertEquals(1, flooded.floods().size());
  }
}
