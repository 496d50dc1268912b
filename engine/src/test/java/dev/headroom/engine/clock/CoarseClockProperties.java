package dev.headroom.engine.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.engine.limiter.PackedLimiter;
import dev.headroom.engine.limiter.Rate;
import dev.headroom.engine.limiter.TokenBucket;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

/**
 * What a limiter on a lagging coarse clock may do, measured against the true (source) time: over
 * the whole run it never admits more than burst + rate x elapsed; over a window starting at a
 * moment when the clock lagged by L, at most burst + rate x (window + L), because tokens withheld
 * while the clock stood still are granted when it catches up. With a clock that keeps up it admits
 * exactly what the same bucket on the true time admits.
 */
class CoarseClockProperties {

  private static final long SECOND = 1_000_000_000L;

  /**
   * Time passing on the source, whether the ticker runs afterwards, and how many requests come then:
   * a fraction of the burst (so that some windows start with tokens left), or until one is denied.
   */
  record Step(long gapNanos, boolean tick, double share) {

    long attempts(long burst) {
      return share >= 1 ? Long.MAX_VALUE : (long) Math.ceil(share * burst);
    }
  }

  @Provide
  Arbitrary<List<Step>> steps() {
    Arbitrary<Long> gaps = Arbitraries.oneOf(
        Arbitraries.longs().between(0, 1_000),
        Arbitraries.longs().between(1_000, 3_000_000),
        Arbitraries.longs().between(3_000_000, 2_000_000_000L));
    Arbitrary<Double> shares = Arbitraries.of(0.0, 0.25, 0.5, 1.0);
    return Combinators.combine(gaps, Arbitraries.of(true, false), shares).as(Step::new)
        .list().ofMinSize(1).ofMaxSize(150);
  }

  @Property(tries = 300)
  void aLaggingClockAdmitsNoMoreThanItsLagAllows(
      @ForAll("steps") List<Step> steps,
      @ForAll @LongRange(min = 1, max = 1_000_000) long perSecond,
      @ForAll @LongRange(min = 1, max = 1_000) long burst) {
    ManualClock source = new ManualClock(1_700_000_000_000_000_000L);
    CoarseClock clock = new CoarseClock(source, Duration.ofMillis(1));
    PackedLimiter bucket = TokenBucket.of(Rate.perSecond(perSecond), burst).limiter(clock);
    PackedLimiter exact = TokenBucket.of(Rate.perSecond(perSecond), burst).limiter(source);
    int n = steps.size();
    long[] trueTime = new long[n + 1];
    long[] lag = new long[n + 1];
    long[] admittedBy = new long[n + 1];
    trueTime[0] = source.nanos();
    long exactAdmitted = 0;
    boolean everyStepTicked = true;
    for (int i = 1; i <= n; i++) {
      Step s = steps.get(i - 1);
      source.advance(s.gapNanos());
      if (s.tick()) {
        clock.refresh();
      }
      long admitted = admittedBy[i - 1];
      for (long k = s.attempts(burst); k > 0 && bucket.tryAcquire(1); k--) {
        admitted++;
      }
      for (long k = s.attempts(burst); k > 0 && exact.tryAcquire(1); k--) {
        exactAdmitted++;
      }
      admittedBy[i] = admitted;
      trueTime[i] = source.nanos();
      lag[i] = source.nanos() - clock.nanos();
      everyStepTicked &= s.tick();
      if (everyStepTicked) {
        assertEquals(exactAdmitted, admitted, "a clock that ticked at every step admitted differently");
      }
    }
    // Window (a, b]: the requests of steps a+1..b, which ran between true times t_a and t_b.
    for (int a = 0; a < n; a++) {
      for (int b = a + 1; b <= n; b++) {
        long admitted = admittedBy[b] - admittedBy[a];
        long most = burst * SECOND + perSecond * (trueTime[b] - trueTime[a] + lag[a]);
        assertTrue(admitted * SECOND <= most, "admitted " + admitted + " in steps " + (a + 1) + ".." + b
            + " (" + (trueTime[b] - trueTime[a]) + " ns, lag at start " + lag[a] + " ns) at " + perSecond
            + "/s, burst " + burst);
      }
    }
  }
}
