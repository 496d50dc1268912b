package dev.headroom.engine.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** predictive+reactive: the lower ceiling wins, and a broken forecast still shows. */
class MinPolicyTest {

  private static final long MINUTE = 60_000;

  private final PredictivePolicy predictive = new PredictivePolicy(new PredictiveConfig(Quantile.P90,
      Duration.ZERO, Duration.ofMinutes(1), 1, new RateBounds(1, 1000, 10), Duration.ofMinutes(5)));
  private final ReactivePolicy reactive = new ReactivePolicy(
      new ReactiveConfig(ReactivePolicy.Mode.AIMD, 100, 0.5, 5, 0.01, 0.5, 0.5, 1, 1000));
  private final MinPolicy both = new MinPolicy(predictive, reactive);

  private static ForecastView flat(long now, double perSecond) {
    return ForecastView.exact(now, now, MINUTE, new double[] {perSecond * 60, perSecond * 60}, "test");
  }

  private static Interval interval(double rps, long upstream429) {
    long n = Math.round(rps * 60);
    return new Interval(0, MINUTE, n, n, 0, 10, 20, 0, upstream429);
  }

  @Test
  void theLowerCeilingWins() {
    assertEquals("predictive+reactive", both.name());
    KeyPolicyState key = new KeyPolicyState(100);
    RateDecision d = key.tick(both, 0, 50, interval(100, 0), flat(0, 80));
    assertEquals(80, d.ratePerSecond(), 1e-9, d.reason()); // forecast 80/s under the reactive 105/s
    assertTrue(d.reason().contains("predictive"), d.reason());

    d = key.tick(both, MINUTE, 50, interval(100, 7), flat(MINUTE, 80)); // the provider pushes back
    assertEquals(52.5, d.ratePerSecond(), 1e-9, d.reason()); // reactive: 105 x 0.5
    assertTrue(d.reason().startsWith("lowest of predictive+reactive is reactive"), d.reason());
    assertFalse(d.fallback());
  }

  @Test
  void aFallingBackPartMarksTheWholeDecision() {
    KeyPolicyState key = new KeyPolicyState(100);
    RateDecision d = key.tick(both, 0, 50, interval(100, 0), null); // no forecast: static 50
    assertEquals(50, d.ratePerSecond(), 1e-9);
    assertTrue(d.fallback(), d.reason());
    assertTrue(d.part(0).reason().contains("no forecast"), d.part(0).reason());
  }
}
