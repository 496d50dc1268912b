package dev.headroom.engine.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class KeyPolicyStateTest {

  private static final long MINUTE = 60_000;

  @Test
  void aFailingPolicyFallsBackToTheStaticRateAndTheLoopGoesOn() {
    RatePolicy broken = new RatePolicy() {
      @Override public String name() {
        return "broken";
      }

      @Override public RateDecision decide(PolicyInput in) {
        throw new IllegalStateException("model state corrupt");
      }
    };
    KeyPolicyState key = new KeyPolicyState(100);
    RateDecision d = key.tick(broken, 0, 40, Interval.EMPTY, null);
    assertEquals(40, key.rate());
    assertTrue(d.fallback());
    assertTrue(d.reason().contains("broken failed") && d.reason().contains("model state corrupt"), d.reason());
  }

  @Test
  void aPolicyAnsweringNaNFallsBackToo() {
    RatePolicy nan = new RatePolicy() {
      @Override public String name() {
        return "nan";
      }

      @Override public RateDecision decide(PolicyInput in) {
        return new RateDecision(Double.NaN, "oops", false);
      }
    };
    KeyPolicyState key = new KeyPolicyState(100);
    assertTrue(key.tick(nan, 0, 40, Interval.EMPTY, null).fallback());
    assertEquals(40, key.rate());
  }

  @Test
  void capAndOverrideChangeTheRateButNotThePolicyMemory() {
    PredictivePolicy p = new PredictivePolicy(new PredictiveConfig(Quantile.P90, Duration.ZERO,
        Duration.ofMinutes(1), 1, new RateBounds(1, 1000, 2), Duration.ofMinutes(5)));
    KeyPolicyState key = new KeyPolicyState(100);
    ForecastView f = ForecastView.exact(0, 0, MINUTE, new double[] {6000, 6000}, "test");
    RateDecision d = key.tick(p, 0, 10, Interval.EMPTY, f);
    assertEquals(100, key.rate());
    key.cap(30);
    assertEquals(30, key.rate());
    assertSame(d, key.lastDecision());
    key.cap(500); // a cap above the rate changes nothing
    assertEquals(30, key.rate());
    key.set(400); // an admin override; the next tick steps back from it
    key.tick(p, MINUTE, 10, Interval.EMPTY, ForecastView.exact(MINUTE, MINUTE, MINUTE, new double[] {600, 600}, "t"));
    assertEquals(200, key.rate(), 1e-9);
    key.reset();
    assertNull(key.lastDecision());
  }

  @Test
  void fairSharesCapAGroupOfKeysWithinItsCapacity() {
    PredictivePolicy p = new PredictivePolicy(new PredictiveConfig(Quantile.P90, Duration.ZERO,
        Duration.ofMinutes(1), 1, new RateBounds(1, 1000, 100), Duration.ofMinutes(5)));
    double[] forecastPerSecond = {10, 200, 300};
    KeyPolicyState[] keys = new KeyPolicyState[3];
    double[] demand = new double[3];
    for (int i = 0; i < 3; i++) {
      keys[i] = new KeyPolicyState(50);
      double perMinute = forecastPerSecond[i] * 60;
      demand[i] = keys[i].tick(p, 0, 50, Interval.EMPTY,
          ForecastView.exact(0, 0, MINUTE, new double[] {perMinute}, "t")).ratePerSecond();
    }
    double[] share = MaxMinFair.allocate(250, demand);
    double sum = 0;
    for (int i = 0; i < 3; i++) {
      keys[i].cap(share[i]);
      sum += keys[i].rate();
    }
    assertEquals(10, keys[0].rate(), 1e-9);
    assertEquals(120, keys[1].rate(), 1e-9);
    assertEquals(120, keys[2].rate(), 1e-9);
    assertEquals(250, sum, 1e-9);
  }
}
