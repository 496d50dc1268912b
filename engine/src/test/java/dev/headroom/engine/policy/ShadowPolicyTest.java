package dev.headroom.engine.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ShadowPolicyTest {

  private static final long MINUTE = 60_000;

  @Test
  void enforcesTheInnerPolicyAndTracksTheCandidateOnItsOwn() {
    PredictivePolicy candidate = new PredictivePolicy(new PredictiveConfig(Quantile.P90, Duration.ZERO,
        Duration.ofMinutes(1), 1, new RateBounds(1, 1000, 2), Duration.ofMinutes(5)));
    ShadowPolicy shadow = new ShadowPolicy(StaticPolicy.INSTANCE, candidate);
    assertEquals("static (shadow predictive)", shadow.name());
    KeyPolicyState key = new KeyPolicyState(10);
    double[] candidateRates = new double[4];
    for (int t = 0; t < 4; t++) {
      long now = t * MINUTE;
      // Forecast demand 600 a minute = 10/s... then 80/s: the candidate climbs by its own step limit.
      double perMinute = t == 0 ? 600 : 4800;
      ForecastView f = ForecastView.exact(now, now, MINUTE, new double[] {perMinute, perMinute}, "test");
      RateDecision d = key.tick(shadow, now, 10, Interval.EMPTY, f);
      assertEquals(10, d.ratePerSecond(), "the static rate is the one enforced");
      assertEquals(10, key.rate());
      candidateRates[t] = ShadowPolicy.candidate(d).ratePerSecond();
      assertTrue(d.reason().contains("would set"), d.reason());
    }
    // From its own previous rate, not the enforced 10/s: 10, 20, 40, 80.
    assertEquals(10, candidateRates[0], 1e-9);
    assertEquals(20, candidateRates[1], 1e-9);
    assertEquals(40, candidateRates[2], 1e-9);
    assertEquals(80, candidateRates[3], 1e-9);
  }

  @Test
  void counterCountsWouldBeRejectionsAndResets() {
    ShadowCounter c = new ShadowCounter();
    c.record(true, true);
    c.record(true, false);  // shadow would reject what was admitted
    c.record(false, false); // both reject
    c.record(false, true);  // shadow would admit what was rejected
    c.record(true, false);
    assertEquals(new ShadowCounter.Counts(5, 3, 2, 1), c.snapshotAndReset());
    assertEquals(new ShadowCounter.Counts(0, 0, 0, 0), c.snapshotAndReset());
  }

  @Test
  void counterLosesNothingUnderConcurrentRecording() throws InterruptedException {
    ShadowCounter c = new ShadowCounter();
    Thread[] threads = new Thread[4];
    for (int t = 0; t < threads.length; t++) {
      threads[t] = Thread.ofPlatform().start(() -> {
        for (int i = 0; i < 50_000; i++) {
          c.record(i % 2 == 0, i % 3 != 0);
        }
      });
    }
    long requests = 0;
    long wouldReject = 0;
    for (Thread t : threads) {
      ShadowCounter.Counts mid = c.snapshotAndReset(); // snapshots racing with records
      requests += mid.requests();
      wouldReject += mid.wouldReject();
      t.join();
    }
    ShadowCounter.Counts rest = c.snapshotAndReset();
    requests += rest.requests();
    wouldReject += rest.wouldReject();
    assertEquals(200_000, requests);
    assertEquals(4 * 16_667, wouldReject); // i % 3 == 0 for i in [0, 50000)
  }
}
