package dev.headroom.engine.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** AIMD and gradient: down on trouble, additively up when healthy and in use, always in bounds. */
class ReactivePolicyProperties {

  private static final double TARGET_MS = 100;

  private static ReactivePolicy policy(ReactivePolicy.Mode mode) {
    return new ReactivePolicy(new ReactiveConfig(mode, TARGET_MS, 0.8, 5, 0.01, 0.5, 0.5, 1, 1000));
  }

  /** A 10-second interval with {@code rps} requests per second, all admitted. */
  private static Interval healthy(double rps) {
    long n = Math.round(rps * 10);
    return new Interval(0, 10_000, n, n, 0, 20, 50, 0, 0);
  }

  private static Interval with(Interval i, double p99, long fivexx, long four29) {
    return new Interval(i.startMillis(), i.lengthMillis(), i.requests(), i.admitted(), i.rejected(),
        i.latencyP50Ms(), p99, fivexx, four29);
  }

  @Property(tries = 500)
  void troubleAlwaysLowersAnyRateAboveTheFloor(
      @ForAll ReactivePolicy.Mode mode,
      @ForAll @DoubleRange(min = 2, max = 1000) double ceiling,
      @ForAll @IntRange(min = 0, max = 2) int kind,
      @ForAll @LongRange(min = 1, max = 1000) long count) {
    Interval sample = switch (kind) {
      case 0 -> with(healthy(ceiling), 50, 0, count);                       // provider pushback
      case 1 -> with(healthy(ceiling), 50, Math.max(count, 1 + Math.round(ceiling * 10 * 0.01)), 0); // 5xx
      default -> with(healthy(ceiling), TARGET_MS + count, 0, 0);             // slow
    };
    ReactivePolicy.Step s = policy(mode).update(ceiling, sample);
    assertTrue(s.ratePerSecond() < ceiling, () -> kind + ": " + s.reason());
    assertTrue(s.ratePerSecond() >= 1, s.reason());
    if (kind < 2 || mode == ReactivePolicy.Mode.AIMD) {
      assertEquals(Math.max(1, ceiling * 0.8), s.ratePerSecond(), 1e-9, s.reason()); // multiplicative
    } else {
      double gradient = Math.max(0.5, TARGET_MS / (TARGET_MS + count));
      assertEquals(Math.max(1, ceiling * gradient), s.ratePerSecond(), 1e-9, s.reason()); // proportional
    }
  }

  @Property(tries = 300)
  void recoversAdditivelyAfterTrouble(@ForAll ReactivePolicy.Mode mode,
      @ForAll @DoubleRange(min = 100, max = 500) double start) {
    ReactivePolicy p = policy(mode);
    double down = p.update(start, with(healthy(start), 50, 0, 3)).ratePerSecond();
    assertEquals(start * 0.8, down, 1e-9);
    double rate = down;
    for (int step = 1; step <= 20; step++) {
      double next = p.update(rate, healthy(rate)).ratePerSecond(); // fully used, healthy
      assertEquals(Math.min(1000, rate + 5), next, 1e-9, "step " + step);
      rate = next;
    }
  }

  @Property(tries = 300)
  void neverLeavesBounds(@ForAll ReactivePolicy.Mode mode,
      @ForAll @DoubleRange(min = 0, max = 5000) double ceiling,
      @ForAll @DoubleRange(min = 0, max = 5000) double rps,
      @ForAll @DoubleRange(min = 0, max = 1000) double p99,
      @ForAll @LongRange(min = 0, max = 50) long fivexx,
      @ForAll @LongRange(min = 0, max = 50) long four29) {
    Interval sample = with(healthy(rps), p99, Math.min(fivexx, Math.round(rps * 10)), four29);
    double r = policy(mode).update(ceiling, sample).ratePerSecond();
    assertTrue(r >= 1 && r <= 1000, () -> "rate " + r);
  }

  @Example
  void holdsWhenIdleOrBarelyUsed() {
    ReactivePolicy p = policy(ReactivePolicy.Mode.AIMD);
    assertEquals(200, p.update(200, Interval.EMPTY).ratePerSecond());
    assertEquals(200, p.update(200, healthy(50)).ratePerSecond()); // 25% used: no probing upwards
    assertEquals(205, p.update(200, healthy(150)).ratePerSecond());
  }

  @Example
  void aFew5xxAmongManyAreNotTrouble() {
    Interval sample = with(healthy(1000), 50, 5, 0); // 5 of 10,000: 0.05%
    assertEquals(605, policy(ReactivePolicy.Mode.AIMD).update(600, sample).ratePerSecond());
  }

  @Example
  void keepsItsOwnCeilingInsideMinPolicy() {
    // The enforced rate is 50 (another part is lower), the reactive ceiling 300: it stays 300 + 5,
    // not 50 + 5, so it does not hold back a later rise of the other part.
    ReactivePolicy p = policy(ReactivePolicy.Mode.AIMD);
    RateDecision previous = new RateDecision(50, "min", false,
        java.util.List.of(new RateDecision(50, "other", false), new RateDecision(300, "reactive", false)));
    RatePolicy low = new RatePolicy() {
      @Override public String name() {
        return "fixed50";
      }

      @Override public RateDecision decide(PolicyInput in) {
        return new RateDecision(50, "fixed", false);
      }
    };
    RateDecision d = new MinPolicy(low, p).decide(new PolicyInput(0, 10, 50, healthy(200), null, previous));
    assertEquals(50, d.ratePerSecond());
    assertEquals(305, d.part(1).ratePerSecond(), 1e-9, d.part(1).reason());
  }
}
