package dev.headroom.engine.limiter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.engine.clock.ManualClock;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** The invariants of the token bucket, over random request sequences on a hand-moved clock. */
class TokenBucketProperties {

  record Step(long gapNanos, long cost) {}

  @Provide
  Arbitrary<List<Step>> steps() {
    Arbitrary<Long> gaps = Arbitraries.oneOf(
        Arbitraries.just(0L),
        Arbitraries.longs().between(1, 1_000),
        Arbitraries.longs().between(1_000, 50_000_000),
        Arbitraries.longs().between(50_000_000, 5_000_000_000L));
    Arbitrary<Long> costs = Arbitraries.longs().between(1, 5);
    return Combinators.combine(gaps, costs).as(Step::new).list().ofMinSize(1).ofMaxSize(300);
  }

  /**
   * In any window [a, b], a bucket admits at most burst + rate x (b - a) cost. Checked exactly with
   * integers: cost x period <= burst x period + tokens x (b - a).
   */
  @Property(tries = 300)
  void neverAdmitsMoreThanBurstPlusRateTimesWindow(
      @ForAll("steps") List<Step> steps,
      @ForAll @LongRange(min = 1, max = 50) long burst,
      @ForAll @LongRange(min = 1, max = 5_000) long tokensPerSecond,
      @ForAll @LongRange(min = -4_000_000_000_000_000_000L, max = 4_000_000_000_000_000_000L) long start) {
    Rate rate = new Rate(tokensPerSecond, 1_000_000_000L);
    ManualClock clock = new ManualClock(start);
    PackedLimiter bucket = TokenBucket.of(rate, burst).limiter(clock);
    List<long[]> admitted = new ArrayList<>();
    long elapsed = 0;
    for (Step step : steps) {
      clock.advance(step.gapNanos());
      elapsed += step.gapNanos();
      if (step.cost() <= burst && bucket.tryAcquire(step.cost())) {
        admitted.add(new long[] {elapsed, step.cost()});
      }
    }
    for (int i = 0; i < admitted.size(); i++) {
      long sum = 0;
      for (int j = i; j < admitted.size(); j++) {
        sum += admitted.get(j)[1];
        BigInteger window = BigInteger.valueOf(admitted.get(j)[0] - admitted.get(i)[0]);
        BigInteger allowed = BigInteger.valueOf(burst).multiply(BigInteger.valueOf(rate.periodNanos()))
            .add(BigInteger.valueOf(rate.tokens()).multiply(window));
        BigInteger used = BigInteger.valueOf(sum).multiply(BigInteger.valueOf(rate.periodNanos()));
        assertTrue(used.compareTo(allowed) <= 0,
            "admitted " + sum + " in " + window + " ns with burst " + burst + " at " + rate);
      }
    }
  }

  /** A denied request told to retry after t succeeds at exactly t, and not 1 ns before. */
  @Property(tries = 300)
  void retryAfterIsExact(
      @ForAll @LongRange(min = 1, max = 20) long burst,
      @ForAll @LongRange(min = 1, max = 100_000) long tokensPerMinute,
      @ForAll @LongRange(min = 1, max = 20) long cost,
      @ForAll @IntRange(min = 0, max = 30) int drain) {
    if (cost > burst) {
      return;
    }
    ManualClock clock = new ManualClock(1_000_000_000_000L);
    PackedLimiter bucket = TokenBucket.of(Rate.perMinute(tokensPerMinute), burst).limiter(clock);
    for (int i = 0; i < drain; i++) {
      bucket.tryAcquire(1);
    }
    Decision denied = bucket.decide(cost);
    if (denied.allowed()) {
      return;
    }
    long retry = denied.retryAfterNanos();
    assertTrue(retry > 0);
    clock.advance(retry - 1);
    assertFalse(bucket.peek(cost).allowed(), "allowed 1 ns before retry-after");
    clock.advance(1);
    assertTrue(bucket.decide(cost).allowed(), "denied at retry-after");
  }

  /** With the clock standing still, a full bucket admits exactly its burst, then nothing. */
  @Property(tries = 100)
  void frozenClockAdmitsExactlyTheBurst(
      @ForAll @LongRange(min = 1, max = 10_000) long burst,
      @ForAll @LongRange(min = 1, max = 1_000_000) long tokensPerSecond) {
    ManualClock clock = new ManualClock(42);
    PackedLimiter bucket = TokenBucket.of(new Rate(tokensPerSecond, 1_000_000_000L), burst).limiter(clock);
    long admitted = 0;
    for (long i = 0; i < burst + 10; i++) {
      if (bucket.tryAcquire(1)) {
        admitted++;
      }
    }
    assertEquals(burst, admitted);
    Decision d = bucket.decide(1);
    assertFalse(d.allowed());
    assertEquals(0, d.remaining());
    assertEquals(burst, d.limit());
  }

  /** After any gap, even decades, a bucket holds its burst and no more. */
  @Property(tries = 200)
  void hugeGapsRefillToTheBurstAndNoMore(
      @ForAll @LongRange(min = 1, max = 1_000) long burst,
      @ForAll @LongRange(min = 1, max = 18L * 365 * 86_400 * 1_000_000_000L) long gap,
      @ForAll @LongRange(min = Long.MIN_VALUE / 2, max = Long.MAX_VALUE) long start) {
    ManualClock clock = new ManualClock(start);
    PackedLimiter bucket = TokenBucket.of(Rate.perSecond(1), burst).limiter(clock);
    while (bucket.tryAcquire(1)) {
      // drain
    }
    clock.advance(gap);
    long expected = Math.min(burst, gap / 1_000_000_000L);
    long admitted = 0;
    while (bucket.tryAcquire(1)) {
      admitted++;
    }
    assertEquals(expected, admitted);
  }
}
