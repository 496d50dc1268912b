package dev.headroom.engine.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;

/** Clamps and the step limit, for any current rate and target. */
class RateBoundsProperties {

  private static final double EPS = 1e-12;

  @Property(tries = 2000)
  void resultIsAlwaysWithinMinAndMax(
      @ForAll @DoubleRange(min = 0.01, max = 1e6) double min,
      @ForAll @DoubleRange(min = 1, max = 1000) double spread,
      @ForAll @DoubleRange(min = 1.01, max = 10) double ratio,
      @ForAll @DoubleRange(min = 0, max = 1e9) double current,
      @ForAll @DoubleRange(min = 0, max = 1e9) double target) {
    RateBounds b = new RateBounds(min, min * spread, ratio);
    double r = b.step(current, target);
    assertTrue(r >= b.min() && r <= b.max(), () -> r + " outside [" + b.min() + ", " + b.max() + "]");
  }

  @Property(tries = 2000)
  void oneStepChangesAnInBoundsRateByAtMostTheRatio(
      @ForAll @DoubleRange(min = 0.01, max = 1e6) double min,
      @ForAll @DoubleRange(min = 1, max = 1000) double spread,
      @ForAll @DoubleRange(min = 1.01, max = 10) double ratio,
      @ForAll @DoubleRange(min = 0, max = 1) double where,
      @ForAll @DoubleRange(min = 0, max = 1e9) double target) {
    RateBounds b = new RateBounds(min, min * spread, ratio);
    double current = b.min() + where * (b.max() - b.min());
    double r = b.step(current, target);
    assertTrue(r <= current * ratio * (1 + EPS) && r >= current / ratio * (1 - EPS),
        () -> current + " -> " + r + " exceeds ratio " + ratio);
  }

  @Property(tries = 1000)
  void reachesATargetWithinOneStepExactly(
      @ForAll @DoubleRange(min = 1, max = 1000) double current,
      @ForAll @DoubleRange(min = 0.5, max = 2) double factor) {
    RateBounds b = new RateBounds(0.1, 1e6, 2);
    assertEquals(current * factor, b.step(current, current * factor), 1e-9 * current);
  }

  @Example
  void anOutOfBoundsRateIsBroughtInsideFirst() {
    RateBounds b = new RateBounds(10, 100, 1.5);
    assertEquals(100, b.step(1000, 1000));
    assertEquals(15, b.step(0, 1000), 1e-12); // from the floor, one step up
  }

  @Example
  void rejectsBoundsThatCannotWork() {
    assertThrows(IllegalArgumentException.class, () -> new RateBounds(0, 10, 2)); // a ratio cannot lift 0
    assertThrows(IllegalArgumentException.class, () -> new RateBounds(10, 5, 2));
    assertThrows(IllegalArgumentException.class, () -> new RateBounds(1, 5, 1));
    assertThrows(IllegalArgumentException.class, () -> new RateBounds(Double.NaN, 5, 2));
  }
}
