package dev.headroom.engine.limiter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.engine.clock.ManualClock;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/**
 * Each inheritance rule does exactly what it says across random rate and burst changes. Tokens are
 * read exactly (time-worth / interval); the only slack allowed is the fixed-point rounding, which is
 * always toward fewer tokens and below two units of 1/16 ns.
 */
class InheritanceProperties {

  private static double tokens(PackedLimiter limiter, ManualClock clock) {
    return ((TokenBucket) limiter.config()).tokens(limiter.state(), clock.nanos());
  }

  /** Rounding allowance in tokens for a bucket: two units of time at its interval. */
  private static double slack(PackedLimiter limiter) {
    return 2.0 / ((TokenBucket) limiter.config()).interval;
  }

  private static void assertTokens(double expected, PackedLimiter limiter, ManualClock clock, String rule) {
    double actual = tokens(limiter, clock);
    double tolerance = slack(limiter) + Math.abs(expected) * 1e-12;
    assertTrue(actual <= expected + tolerance, rule + " invented tokens: " + actual + " > " + expected);
    assertTrue(actual >= expected - tolerance, rule + " lost tokens: " + actual + " < " + expected);
  }

  @Property(tries = 500)
  void everyRuleDoesWhatItSays(
      @ForAll @LongRange(min = 1, max = 1_000) long burst,
      @ForAll @LongRange(min = 1, max = 1_000) long newBurst,
      @ForAll @LongRange(min = 1, max = 1_000_000) long milliTokensPerSecond,
      @ForAll @LongRange(min = 1, max = 1_000_000) long newMilliTokensPerSecond,
      @ForAll @LongRange(min = 0, max = 1_000) long consumed,
      @ForAll @LongRange(min = 0, max = 10_000_000_000L) long wait) {
    for (Inheritance rule : Inheritance.values()) {
      ManualClock clock = new ManualClock(7_000_000_000_000L);
      PackedLimiter bucket =
          TokenBucket.of(new Rate(milliTokensPerSecond, 1_000_000_000_000L), burst).limiter(clock);
      for (long i = 0; i < Math.min(consumed, burst); i++) {
        bucket.tryAcquire(1);
      }
      clock.advance(wait);
      double before = tokens(bucket, clock);
      bucket.reconfigure(
          l -> TokenBucket.of(new Rate(newMilliTokensPerSecond, 1_000_000_000_000L), newBurst), rule);
      double expected = switch (rule) {
        case PROPORTIONAL -> before * newBurst / burst;
        case AS_IS -> Math.min(before, newBurst);
        case ADDITIVE -> Math.min(newBurst, before + Math.max(0, newBurst - burst));
        case RESET -> newBurst;
      };
      assertTokens(expected, bucket, clock, rule.name());
    }
  }

  /** setRate keeps the tokens; the new rate then refills them. */
  @Property(tries = 300)
  void setRateKeepsTokensAndRefillsAtTheNewRate(
      @ForAll @LongRange(min = 2, max = 1_000) long burst,
      @ForAll @LongRange(min = 1, max = 10_000) long perSecond,
      @ForAll @LongRange(min = 1, max = 10_000) long newPerSecond) {
    ManualClock clock = new ManualClock(0);
    PackedLimiter bucket = TokenBucket.of(new Rate(perSecond, 1_000_000_000L), burst).limiter(clock);
    while (bucket.tryAcquire(1)) {
      // drain to empty
    }
    bucket.setRate(new Rate(newPerSecond, 1_000_000_000L));
    double before = tokens(bucket, clock);
    assertTrue(before < 1, "drained bucket holds " + before);
    long gap = Math.ceilDiv(1_000_000_000L, newPerSecond);
    clock.advance(gap);
    double refilled = gap * (double) newPerSecond / 1_000_000_000L;
    assertTokens(Math.min(burst, before + refilled), bucket, clock, "refill after setRate");
  }

  /** Many reconfigurations in a row never create tokens: AS_IS back and forth leaves the count as it was. */
  @Property(tries = 200)
  void roundTripsDoNotCreateTokens(
      @ForAll @LongRange(min = 1, max = 500) long burst,
      @ForAll @LongRange(min = 1, max = 100_000) long a,
      @ForAll @LongRange(min = 1, max = 100_000) long b,
      @ForAll @LongRange(min = 0, max = 500) long consumed) {
    ManualClock clock = new ManualClock(123_456_789);
    PackedLimiter bucket = TokenBucket.of(new Rate(a, 1_000_000_000L), burst).limiter(clock);
    for (long i = 0; i < Math.min(consumed, burst); i++) {
      bucket.tryAcquire(1);
    }
    double start = tokens(bucket, clock);
    for (int i = 0; i < 50; i++) {
      bucket.setRate(new Rate(i % 2 == 0 ? b : a, 1_000_000_000L), Inheritance.AS_IS);
    }
    double end = tokens(bucket, clock);
    assertTrue(end <= start + 1e-12, "round trips created tokens: " + start + " -> " + end);
    assertTrue(end >= start - 50 * 2.0 / ((TokenBucket) bucket.config()).interval - 1e-9,
        "round trips lost more than rounding: " + start + " -> " + end);
  }
}
