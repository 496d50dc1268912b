/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.engine.clock.ManualClock;
import dev.headroom.engine.config.ConfigDiff.Kind;
import dev.headroom.engine.config.ConfigDiff.LimitChange;
import dev.headroom.engine.limiter.Inheritance;
import dev.headroom.engine.limiter.LimiterRegistry;
import dev.headroom.engine.limiter.Rate;
import dev.headroom.engine.limiter.TokenBucket;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** A reload is classified limit by limit, and applying it to a real registry keeps bucket state. */
class ConfigDiffTest {

  private static final String BEFORE = """
      limits:
        - name: a
          algorithm: {type: token-bucket, rate: 100/s, burst: 200}
          policy: {type: predictive}
        - name: b
          algorithm: {type: token-bucket, rate: 10/s}
        - name: c
          algorithm: {type: gcra, rate: 10/s, burst: 5}
        - name: d
          algorithm: {type: quota, quota: 1000/min}
        - name: e
          match: {key: [apiKey]}
          algorithm: {type: sliding-window, limit: 10, window: 1s}
      """;

  private static final String AFTER = """
      limits:
        - name: e
          match: {key: [apiKey]}
          algorithm: {type: sliding-window, limit: 10, window: 1s}
        - name: a
          algorithm: {type: token-bucket, rate: 100/s, burst: 400}
          policy: {type: predictive}
          inheritance: as-is
        - name: b
          algorithm: {type: token-bucket, rate: 10/s}
          policy: {type: reactive}
        - name: c
          algorithm: {type: token-bucket, rate: 10/s, burst: 5}
        - name: f
          algorithm: {type: concurrency, maxInFlight: 4}
      """;

  private final ConfigLoader loader = new ConfigLoader(n -> null, new Counter());

  private HeadroomConfig parse(String yaml) {
    return loader.parse(yaml, "headroom.yaml");
  }

  @Test
  void classifiesEachLimit() {
    ConfigDiff diff = ConfigDiff.between(parse(BEFORE), parse(AFTER));
    assertEquals(List.of("f"), diff.added().stream().map(LimitConfig::name).toList());
    assertEquals(List.of("d"), diff.removed().stream().map(LimitConfig::name).toList());
    assertEquals(List.of("e"), diff.unchanged(), "moving a limit in the list changes nothing of its own");
    Map<String, LimitChange> changed = new java.util.HashMap<>();
    diff.changed().forEach(c -> changed.put(c.after().name(), c));
    assertEquals(3, changed.size());
    assertEquals(Kind.RECONFIGURE, changed.get("a").kind());
    assertEquals(Inheritance.AS_IS, changed.get("a").rule(), "the new configuration's rule applies");
    assertFalse(changed.get("a").policyChanged());
    assertEquals(Kind.SETTINGS, changed.get("b").kind());
    assertTrue(changed.get("b").policyChanged());
    assertEquals(Kind.RESET, changed.get("c").kind(), "gcra to token bucket cannot keep state");
    assertEquals(List.of(), diff.sectionsChanged(), "both tokens generated: not a change");
    assertFalse(diff.isEmpty());
  }

  @Test
  void aNewKeyIsASettingsChangeThatSaysTheOldKeysAreDead() {
    LimitChange change = ConfigDiff.between(parse(BEFORE), parse(BEFORE.replace("key: [apiKey]", "key: [clientIp]")))
        .changed().getFirst();
    assertEquals("e", change.after().name());
    assertEquals(Kind.SETTINGS, change.kind());
    assertTrue(change.keysChanged());
    assertFalse(change.policyChanged());
  }

  @Test
  void sameFileTwiceIsAnEmptyDiff() {
    ConfigDiff diff = ConfigDiff.between(parse(BEFORE), parse(BEFORE));
    assertTrue(diff.isEmpty());
    assertEquals(List.of("a", "b", "c", "d", "e"), diff.unchanged());
  }

  @Test
  void otherSectionsAreListedAndAServerChangeNeedsARestart() {
    HeadroomConfig before = parse(BEFORE);
    HeadroomConfig after = parse("""
        server: {port: 9999}
        admin: {token: "a-token-of-enough-length"}
        telemetry: {interval: 30s}
        influx: {url: "http://127.0.0.1:8086"}
        capacities: [{name: db, rate: 10/s}]
        upstreams: [{name: u, url: "http://127.0.0.1:9000"}]
        """ + BEFORE);
    ConfigDiff diff = ConfigDiff.between(before, after);
    assertEquals(List.of("server", "admin", "influx", "telemetry", "capacities", "upstreams"), diff.sectionsChanged());
    assertTrue(diff.restartRequired());
    assertTrue(diff.changed().isEmpty());
    assertFalse(ConfigDiff.between(before, parse(BEFORE.replace("burst: 200", "burst: 300"))).restartRequired());
  }

  @Test
  void reconfigureKeepsTokensAndThePolicysRateWhileTheConfiguredRateIsUnchanged() {
    HeadroomConfig before = parse(BEFORE);
    LimitChange change = ConfigDiff.between(before, parse(AFTER.replace("inheritance: as-is", ""))).changed().stream()
        .filter(c -> c.after().name().equals("a")).findFirst().orElseThrow();
    ManualClock clock = new ManualClock(1_000_000_000_000L);
    LimiterRegistry registry = LimiterRegistry.builder(before.limit("a").orElseThrow().toLimit()).clock(clock).build();
    assertTrue(registry.tryAcquire("k", 150), "a full bucket of 200 gives 150");
    registry.setRate("k", Rate.perSecond(150)); // the policy's step
    assertEquals(49, registry.peek("k", 1).remaining(), "50 tokens left before the reload");

    registry.reconfigure("k", change::reconfigure, change.rule());

    TokenBucket now = (TokenBucket) registry.config("k");
    assertEquals(400, now.burst(), "the new burst");
    assertEquals(Rate.perSecond(150), now.rate(), "the policy's rate survives a reload that left the rate alone");
    assertEquals(99, registry.peek("k", 1).remaining(), "proportional: a quarter full stays a quarter full");
  }

  @Test
  void aNewConfiguredRateReplacesThePolicysRate() {
    HeadroomConfig before = parse(BEFORE);
    LimitChange change = ConfigDiff.between(before, parse(BEFORE.replace("rate: 100/s, burst: 200", "rate: 120/s, burst: 200")))
        .changed().getFirst();
    assertEquals(Kind.RECONFIGURE, change.kind());
    ManualClock clock = new ManualClock(1_000_000_000_000L);
    LimiterRegistry registry = LimiterRegistry.builder(before.limit("a").orElseThrow().toLimit()).clock(clock).build();
    assertTrue(registry.tryAcquire("k", 100));
    registry.setRate("k", Rate.perSecond(150));
    registry.reconfigure("k", change::reconfigure, change.rule());
    TokenBucket now = (TokenBucket) registry.config("k");
    assertEquals(Rate.perSecond(120), now.rate());
    assertEquals(99, registry.peek("k", 1).remaining(), "same burst: the 100 tokens left stay");
  }

  @Test
  void countingLimitsTakeTheNewParametersAndKeepTheirCounts() {
    String before = "limits: [{name: q, algorithm: {type: quota, quota: 100/min}}]";
    String after = "limits: [{name: q, algorithm: {type: quota, quota: 50/min}}]";
    LimitChange change = ConfigDiff.between(parse(before), parse(after)).changed().getFirst();
    assertEquals(Kind.RECONFIGURE, change.kind());
    ManualClock clock = new ManualClock(0);
    LimiterRegistry registry = LimiterRegistry.builder(parse(before).limits().getFirst().toLimit()).clock(clock).build();
    assertTrue(registry.tryAcquire("k", 40));
    registry.reconfigure("k", change::reconfigure, change.rule());
    assertEquals(50, registry.config("k").limit());
    assertEquals(9, registry.peek("k", 1).remaining(), "40 used of the new 50, after this one 9 remain");
  }

  /** Distinct generated tokens, as on two real loads. */
  private static final class Counter implements Supplier<String> {
    private int n;

    @Override
    public String get() {
      return "generated-token-number-" + (++n);
    }
  }
}
