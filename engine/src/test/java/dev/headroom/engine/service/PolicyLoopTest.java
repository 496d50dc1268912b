package dev.headroom.engine.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.engine.clock.ManualClock;
import dev.headroom.engine.config.ConfigLoader;
import dev.headroom.engine.config.HeadroomConfig;
import dev.headroom.engine.telemetry.IntervalSnapshot;
import dev.headroom.engine.telemetry.KeyInterval;
import dev.headroom.forecaster.history.HistorySource;
import dev.headroom.forecaster.history.TelemetryPoint;
import dev.headroom.forecaster.series.RateSeries;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The service's policy loop on a manual clock: its memory and its forecasting cost are bounded by configuration. */
class PolicyLoopTest {

  private static final long MINUTE = 60_000L;

  /** A flat history of 10 per step for every series, counting the reads long enough to be fits. */
  private static final class FlatHistory implements HistorySource {
    final AtomicInteger fits = new AtomicInteger();
    final List<String> fitted = new ArrayList<>();

    @Override
    public synchronized RateSeries requests(String key, Instant from, Instant to, Duration step) {
      long stepMillis = step.toMillis();
      long start = Math.floorDiv(from.toEpochMilli(), stepMillis) * stepMillis;
      int n = (int) ((Math.floorDiv(to.toEpochMilli(), stepMillis) * stepMillis - start) / stepMillis);
      if (n > 60) {
        fits.incrementAndGet();
        fitted.add(key);
      }
      double[] v = new double[n];
      java.util.Arrays.fill(v, 10 * 60);
      return RateSeries.ofMillis(start, stepMillis, v);
    }
  }

  private static final String YAML = """
      server: {host: 127.0.0.1, port: 0}
      limits:
        - name: api
          match: {key: [apiKey]}
          algorithm: {type: token-bucket, rate: 100/s, burst: 200}
          policy:
            type: predictive
            refresh: 1m
            history: 1d
            trackedKeys: %d
            models: %d
      """;

  private final ManualClock clock = ManualClock.at(Instant.parse("2026-03-02T00:00:00Z"));
  private final FlatHistory history = new FlatHistory();
  private LimitRuntime limit;

  private PolicyLoop loop(int tracked, int models) {
    HeadroomConfig config = new ConfigLoader().parse(YAML.formatted(tracked, models), "loop.yaml");
    limit = new LimitRuntime(config.limits().getFirst(), clock, 1_000_000);
    Map<String, LimitRuntime> limits = Map.of("api", limit);
    return new PolicyLoop(() -> limits, config::capacities, new KeyForecasts(history), clock);
  }

  private static IntervalSnapshot snapshot(long start, Map<String, Long> requests) {
    List<KeyInterval> keys = new ArrayList<>();
    for (var e : requests.entrySet()) {
      keys.add(new KeyInterval(new TelemetryPoint(e.getKey(), start, e.getValue(), e.getValue(), 0, 0, 0),
          Double.NaN, Double.NaN));
    }
    return new IntervalSnapshot(start, MINUTE, keys);
  }

  private long now() {
    return clock.nanos() / 1_000_000L;
  }

  @Test
  void oneShotKeysHoldStateOnlyUpToTrackedKeysAndNoneOfThemGetsAModel() {
    PolicyLoop loop = loop(1_000, 10);
    for (int tick = 0; tick < 5; tick++) {
      Map<String, Long> seen = new HashMap<>();
      for (int i = 0; i < 5_000; i++) {
        seen.put("api|oneshot-" + tick + "-" + i, 1L); // every key seen once, never again
        limit.check("api|oneshot-" + tick + "-" + i, 1, java.util.Optional.empty());
      }
      loop.onInterval(snapshot(now() - MINUTE, seen));
      loop.tick();
      clock.advance(Duration.ofMinutes(1));
    }
    PolicyLoop.LimitSummary s = loop.summary("api");
    assertTrue(s.trackedKeys() <= 1_000, "tracked " + s);
    assertTrue(s.untrackedKeys() >= 4 * 5_000 - 1_000, "keys past trackedKeys are counted: " + s);
    assertEquals(0, s.modelledKeys(), "a key seen once never gets a model of its own");
    assertTrue(history.fitted.stream().allMatch("api"::equals), "only the limit's total was fitted: " + history.fitted);
    // Idle state goes: after the idle time nothing is left.
    clock.advance(Duration.ofMillis(PolicyLoop.idleMillis(Duration.ofMinutes(1))));
    loop.tick();
    assertEquals(0, loop.summary("api").trackedKeys());
  }

  @Test
  void theBusiestKeysGetModelsAndTheTailFollowsItsShareOfTheTotal() {
    PolicyLoop loop = loop(1_000, 2);
    for (int tick = 0; tick < 5; tick++) {
      Map<String, Long> seen = new HashMap<>();
      seen.put("api|big-1", 6_000L);
      seen.put("api|big-2", 3_000L);
      for (int i = 0; i < 20; i++) {
        seen.put("api|small-" + i, 30L);
      }
      seen.forEach((k, v) -> limit.check(k, 1, java.util.Optional.empty()));
      loop.onInterval(snapshot(now() - MINUTE, seen));
      loop.tick();
      clock.advance(Duration.ofMinutes(1));
    }
    assertEquals(2, loop.summary("api").modelledKeys());
    PolicyLoop.KeyStatus big = loop.status("api", "api|big-1");
    PolicyLoop.KeyStatus small = loop.status("api", "api|small-3");
    assertNotNull(big.forecastModel());
    assertTrue(!big.forecastModel().contains("share"), big.forecastModel());
    assertTrue(small.forecastModel().contains("share"), "a tail key follows its share of the total: " + small);
    // The total forecasts 10/s; a small key sends 30 of 9,600 a minute: its share of 10/s is tiny,
    // so its rate goes to the policy's floor (min defaults to a tenth of the static rate).
    assertEquals(10, small.ratePerSecond(), 1e-9, small.toString());
    assertNull(loop.status("api", "api|never-seen"));
  }

  @Test
  void keysOfAStaticLimitAreNotKeptAtAll() {
    HeadroomConfig config = new ConfigLoader().parse("""
        server: {host: 127.0.0.1, port: 0}
        limits:
          - name: api
            match: {key: [apiKey]}
            algorithm: {type: token-bucket, rate: 100/s, burst: 200}
        """, "static.yaml");
    LimitRuntime runtime = new LimitRuntime(config.limits().getFirst(), clock, 1_000);
    PolicyLoop loop = new PolicyLoop(() -> Map.of("api", runtime), config::capacities, new KeyForecasts(history),
        clock);
    loop.onInterval(snapshot(now() - MINUTE, Map.of("api|a", 5L, "api|b", 7L)));
    loop.tick();
    assertEquals(0, loop.summary("api").trackedKeys());
  }
}
