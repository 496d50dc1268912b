package dev.headroom.engine.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.engine.clock.ManualClock;
import dev.headroom.engine.config.ConfigLoader;
import dev.headroom.engine.config.LimitConfig;
import dev.headroom.engine.limiter.RefillLimit;
import dev.headroom.engine.policy.RateDecision;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** One limit's run-time behaviour on a manual clock: shadow buckets, dry run, rates the policy applies. */
class LimitRuntimeTest {

  private final ManualClock clock = new ManualClock(1_000_000_000_000L);

  private LimitRuntime runtime(String limitYaml) {
    LimitConfig c = new ConfigLoader(n -> null, () -> "generated-token-for-tests-0001")
        .parse("limits:\n" + limitYaml, "t.yaml").limits().getFirst();
    return new LimitRuntime(c, clock);
  }

  private static final String SHADOW = """
        - name: s
          algorithm: {type: token-bucket, rate: 1/s, burst: 2}
          policy: {type: reactive, shadow: true, min: 0.001/s, max: 1000/s}
      """;

  private static double rateOf(dev.headroom.engine.limiter.LimiterRegistry r, String key) {
    return ((RefillLimit) r.config(key)).rate().perSecond();
  }

  @Test
  void shadowModeEnforcesTheStaticRateAndTriesThePolicyOnItsOwnBuckets() {
    LimitRuntime s = runtime(SHADOW);
    assertTrue(s.check("s|k", 1, Optional.empty()).allowed());
    assertTrue(s.check("s|k", 1, Optional.empty()).allowed());
    CheckResult third = s.check("s|k", 1, Optional.empty());
    assertFalse(third.allowed(), "shadow mode enforces the static limit");
    assertTrue(third.shadow(), "the policy's bucket is empty too");
    assertEquals(0, s.shadowRejected.sum() + s.shadowAdmitted.sum(), "both agreed");

    assertTrue(s.applyPolicyRate("s|k", 1000));
    assertEquals(1.0, rateOf(s.registry(), "s|k"), "the enforcing bucket keeps the static rate");
    assertEquals(1000.0, rateOf(s.shadowRegistry().orElseThrow(), "s|k"));
    clock.advance(10_000_000L); // 10 ms: the policy's bucket is full again, the enforcing one is not
    CheckResult refused = s.check("s|k", 1, Optional.empty());
    assertFalse(refused.allowed());
    assertFalse(refused.shadow());
    assertEquals(1, s.shadowAdmitted.sum());

    // A decision as the loop makes it in shadow mode: [enforced static, candidate].
    assertTrue(s.check("s|j", 2, Optional.empty()).allowed()); // both buckets of j empty
    RateDecision d = new RateDecision(1, "static; shadow would set 0.001/s", false,
        List.of(new RateDecision(1, "static", false), new RateDecision(0.001, "candidate", false)));
    assertTrue(s.applyPolicyDecision("s|j", d));
    assertEquals(0.001, rateOf(s.shadowRegistry().orElseThrow(), "s|j"), 1e-9);
    assertEquals(1.0, rateOf(s.registry(), "s|j"));
    clock.advance(1_000_000_000L); // a token back at 1/s, not at 0.001/s
    CheckResult admitted = s.check("s|j", 1, Optional.empty());
    assertTrue(admitted.allowed());
    assertTrue(admitted.shadow());
    assertEquals(1, s.shadowRejected.sum());
    assertFalse(s.applyPolicyRate("s|absent", 5), "an absent key is not created");
    assertEquals(2, s.shadowRegistry().orElseThrow().size());
  }

  @Test
  void withoutShadowThePolicyRateGoesToTheEnforcingBucketAndBadRatesAreRefused() {
    LimitRuntime r = runtime("""
          - name: r
            algorithm: {type: token-bucket, rate: 1/s, burst: 2}
        """);
    assertTrue(r.shadowRegistry().isEmpty());
    r.check("r|k", 1, Optional.empty());
    assertTrue(r.applyPolicyRate("r|k", 50));
    assertEquals(50.0, rateOf(r.registry(), "r|k"));
    for (double bad : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY, 1e300, 2e9}) {
      assertThrows(IllegalArgumentException.class, () -> r.applyPolicyRate("r|k", bad), "rate " + bad);
    }
    assertEquals(50.0, rateOf(r.registry(), "r|k"), "a refused rate changes nothing");
  }

  @Test
  void aDryRunAdmitsWhatItWouldRefuseAndCountsIt() {
    LimitRuntime d = runtime("""
          - name: d
            algorithm: {type: token-bucket, rate: 1/min, burst: 1}
            dryRun: true
        """);
    assertTrue(d.check("d|k", 1, Optional.empty()).allowed());
    CheckResult second = d.check("d|k", 1, Optional.empty());
    assertTrue(second.allowed());
    assertTrue(second.dryRun());
    assertEquals(1, d.dryRunRejected.sum());
    assertEquals(0, d.rejected.sum());
  }

  @Test
  void aFullLimitRefusesNewKeysWithTheirOwnReason() {
    LimitRuntime f = runtime("""
          - name: f
            algorithm: {type: token-bucket, rate: 1/min, burst: 5}
            maxKeys: 1
        """);
    assertTrue(f.check("f|a", 1, Optional.empty()).allowed());
    CheckResult b = f.check("f|b", 1, Optional.empty());
    assertFalse(b.allowed());
    assertEquals("key-capacity", b.reason());
    assertEquals(1000, b.retryAfterMillis());
    assertEquals(1, f.keyCapacity.sum());
    assertEquals(0, f.rejected.sum());
    assertNull(f.check("f|a", 1, Optional.empty()).reason());
  }
}
