package dev.headroom.engine.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LimitStepTest {

  private static final long MINUTE = 60_000L;

  /** A flat forecast of {@code perSecond} from {@code now}, one-minute steps. */
  private static ForecastView flat(long now, double perSecond) {
    double[] d = new double[60];
    Arrays.fill(d, perSecond * 60);
    return ForecastView.exact(now, now, MINUTE, d, "flat");
  }

  private static Interval seen(long now, double perSecond) {
    long n = Math.round(perSecond * 60);
    return new Interval(now - MINUTE, MINUTE, n, n, 0, 10, 20, 0, 0);
  }

  private static PredictivePolicy predictive() {
    return new PredictivePolicy(new PredictiveConfig(Quantile.P90, Duration.ofMinutes(5), Duration.ofMinutes(1), 1.2,
        new RateBounds(1, 1000, 1000), Duration.ofMinutes(10)));
  }

  @Test
  void holdKeepsAFloodingKeyNearItsForecastEvenWithoutPressure() {
    long now = 10 * MINUTE;
    LimitStep step = new LimitStep(new LimitStep.Settings(Double.NaN, false, SurpriseConfig.defaults(Stance.HOLD)));
    KeyPolicyState flooding = new KeyPolicyState(100);
    KeyPolicyState normal = new KeyPolicyState(100);
    LimitStep.Outcome o = step.tick(now, 6 * MINUTE, new LimitStep.KeyTick[] {
        new LimitStep.KeyTick(flooding, predictive(), 100, seen(now, 80), flat(now, 5)),
        new LimitStep.KeyTick(normal, predictive(), 100, seen(now, 50), flat(now, 50))});
    assertFalse(o.pressure());
    assertEquals(6, o.rates()[0], 1e-9, "5/s forecast x 1.2");
    assertEquals(60, o.rates()[1], 1e-9);
    assertEquals(80 / 6.0, o.surprise()[0], 1e-9);
    assertEquals(50 / 60.0, o.surprise()[1], 1e-9);
  }

  @Test
  void shedUnderPressureServesSurprisesWhileThereIsRoomAndShedsThemFirstWhenThereIsNot() {
    long now = 10 * MINUTE;
    LimitStep step = new LimitStep(new LimitStep.Settings(120, false,
        SurpriseConfig.defaults(Stance.SHED_UNDER_PRESSURE)));
    KeyPolicyState a = new KeyPolicyState(100);
    KeyPolicyState b = new KeyPolicyState(100);
    // Room: 80 + 30 = 110 under 120, the surprising key keeps its static 100.
    LimitStep.Outcome room = step.tick(now, 6 * MINUTE, new LimitStep.KeyTick[] {
        new LimitStep.KeyTick(a, StaticPolicy.INSTANCE, 100, seen(now, 80), flat(now, 5)),
        new LimitStep.KeyTick(b, StaticPolicy.INSTANCE, 100, seen(now, 30), flat(now, 30))});
    assertFalse(room.pressure());
    assertArrayEquals(new double[] {100, 100}, room.rates(), 1e-9);
    // Pressure: 90 + 50 = 140 over 120. Expected 6 and 60: key b is within, key a gets 120 - 6 - 50 = 64.
    long later = now + MINUTE;
    LimitStep.Outcome full = step.tick(later, 6 * MINUTE, new LimitStep.KeyTick[] {
        new LimitStep.KeyTick(a, StaticPolicy.INSTANCE, 100, seen(later, 90), flat(later, 5)),
        new LimitStep.KeyTick(b, StaticPolicy.INSTANCE, 100, seen(later, 50), flat(later, 50))});
    assertTrue(full.pressure());
    assertEquals(6 + 64, full.rates()[0], 1e-9);
    assertEquals(100, full.rates()[1], 1e-9);
    assertArrayEquals(new boolean[] {true, false}, full.shed());
    assertEquals(70, a.rate(), 1e-9, "the cut is the rate in force");
    // The pressure holds for its hold time after the signal is gone, then lets go.
    long calm = later + 30_000;
    LimitStep.Outcome held = step.tick(calm, 6 * MINUTE, new LimitStep.KeyTick[] {
        new LimitStep.KeyTick(a, StaticPolicy.INSTANCE, 100, seen(calm, 20), flat(calm, 5)),
        new LimitStep.KeyTick(b, StaticPolicy.INSTANCE, 100, seen(calm, 20), flat(calm, 50))});
    assertTrue(held.pressure());
    long after = later + 61_000;
    LimitStep.Outcome gone = step.tick(after, 6 * MINUTE, new LimitStep.KeyTick[] {
        new LimitStep.KeyTick(a, StaticPolicy.INSTANCE, 100, seen(after, 20), flat(after, 5)),
        new LimitStep.KeyTick(b, StaticPolicy.INSTANCE, 100, seen(after, 20), flat(after, 50))});
    assertFalse(gone.pressure());
    assertEquals(100, gone.rates()[0], 1e-9);
  }

  @Test
  void latencyOverTheTargetIsPressureWithoutACapacity() {
    long now = 10 * MINUTE;
    LimitStep step = new LimitStep(new LimitStep.Settings(Double.NaN, false,
        SurpriseConfig.defaults(Stance.SHED_UNDER_PRESSURE).withLatencyTargetMs(15)));
    KeyPolicyState a = new KeyPolicyState(100);
    KeyPolicyState b = new KeyPolicyState(100);
    LimitStep.Outcome o = step.tick(now, 6 * MINUTE, new LimitStep.KeyTick[] {
        new LimitStep.KeyTick(a, StaticPolicy.INSTANCE, 100, seen(now, 80), flat(now, 5)),
        new LimitStep.KeyTick(b, StaticPolicy.INSTANCE, 100, seen(now, 30), flat(now, 30))});
    assertTrue(o.pressure());
    // budget: 0.9 x 110 admitted = 99; within parts 6 + 30 = 36; key a's excess gets 63 -> 69.
    assertEquals(69, o.rates()[0], 1e-9);
    assertEquals(100, o.rates()[1], 1e-9);
  }

  private static RatePolicy fixed(double rate) {
    return new RatePolicy() {
      @Override
      public String name() {
        return "fixed";
      }

      @Override
      public RateDecision decide(PolicyInput in) {
        return new RateDecision(rate, "fixed " + rate, false);
      }
    };
  }

  @Test
  void lendingMovesRateFromAQuietKeyToABusyOne() {
    long now = 10 * MINUTE;
    LimitStep step = new LimitStep(new LimitStep.Settings(40, true, null));
    KeyPolicyState busy = new KeyPolicyState(10);
    KeyPolicyState quiet = new KeyPolicyState(10);
    RatePolicy wants16 = fixed(16);
    RatePolicy wants4 = fixed(4);
    LimitStep.Outcome o = step.tick(now, 6 * MINUTE, new LimitStep.KeyTick[] {
        new LimitStep.KeyTick(busy, wants16, 10, seen(now, 10), flat(now, 10)),
        new LimitStep.KeyTick(quiet, wants4, 10, seen(now, 3), flat(now, 3))});
    assertArrayEquals(new double[] {16, 4}, o.rates(), 1e-9);
    assertEquals(16, busy.rate(), 1e-9);
  }
}
