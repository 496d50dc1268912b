package dev.headroom.engine.policy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PressureTest {

  @Test
  void eachSignalStartsPressureAndItHoldsForTheHoldTime() {
    SurpriseConfig c = SurpriseConfig.defaults(Stance.HOLD).withLatencyTargetMs(100);
    Pressure p = new Pressure();
    assertFalse(p.update(c, 0, 50, 100, 50, 0));
    assertTrue(p.update(c, 1_000, 150, 100, 50, 0), "demand over capacity");
    assertTrue(p.reason().contains("over capacity"));
    assertTrue(p.update(c, 60_999, 10, 100, 50, 0), "held");
    assertFalse(p.update(c, 61_000, 10, 100, 50, 0), "hold over");
    assertTrue(p.update(c, 70_000, 10, Double.NaN, 150, 0), "latency");
    assertTrue(p.update(c, 200_000, 10, Double.NaN, Double.NaN, 0.5), "errors");
    assertFalse(p.update(c, 300_000, 10, Double.NaN, Double.NaN, 0.01));
  }
}
