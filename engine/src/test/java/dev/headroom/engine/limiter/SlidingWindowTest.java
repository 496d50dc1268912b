package dev.headroom.engine.limiter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.engine.clock.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class SlidingWindowTest {

  private static final long SECOND = 1_000_000_000L;

  /** The sliding log is exact: in every window of its length, at most the limit. */
  @Property(tries = 200)
  void slidingLogHoldsInEveryWindow(
      @ForAll @Size(min = 1, max = 300) List<@LongRange(min = 0, max = 400_000_000) Long> gaps,
      @ForAll @IntRange(min = 1, max = 30) int limit) {
    ManualClock clock = new ManualClock(5 * SECOND);
    SlidingLog log = SlidingLog.of(limit, Duration.ofSeconds(1), clock);
    List<Long> admitted = new ArrayList<>();
    for (long gap : gaps) {
      clock.advance(gap);
      if (log.tryAcquire(1)) {
        admitted.add(clock.nanos());
      }
    }
    for (int i = 0; i < admitted.size(); i++) {
      int inWindow = 0;
      for (int j = i; j < admitted.size() && admitted.get(j) - admitted.get(i) < SECOND; j++) {
        inWindow++;
      }
      assertTrue(inWindow <= limit, inWindow + " admitted within one second, limit " + limit);
    }
  }

  @Test
  void slidingLogRetryAfterPointsAtTheOldestExpiry() {
    ManualClock clock = new ManualClock(0);
    SlidingLog log = SlidingLog.of(2, Duration.ofSeconds(10), clock);
    assertTrue(log.tryAcquire(1));
    clock.advance(3 * SECOND);
    assertTrue(log.tryAcquire(1));
    Decision denied = log.decide(1);
    assertFalse(denied.allowed());
    assertEquals(7 * SECOND, denied.retryAfterNanos());
    clock.advance(7 * SECOND);
    assertTrue(log.tryAcquire(1));
  }

  @Test
  void counterWeighsThePreviousWindowByItsOverlap() {
    ManualClock clock = new ManualClock(100 * SECOND);
    PackedLimiter counter = SlidingWindowCounter.of(10, Duration.ofSeconds(1)).limiter(clock);
    assertTrue(counter.tryAcquire(10));
    assertFalse(counter.tryAcquire(1));
    // A quarter into the next window, 75% of the previous 10 still count: 7.5, so 2 more fit.
    clock.advance(SECOND + SECOND / 4);
    assertTrue(counter.tryAcquire(2));
    Decision denied = counter.decide(1);
    assertFalse(denied.allowed());
    // 10 x (0.75 - t) + 2 + 1 <= 10 once t >= 0.05 s.
    assertEquals(SECOND / 20, denied.retryAfterNanos(), 1);
    clock.advance(denied.retryAfterNanos());
    assertTrue(counter.tryAcquire(1));
  }

  @Property(tries = 200)
  void counterNeverExceedsItsLimitInAnAlignedWindow(
      @ForAll @Size(min = 1, max = 300) List<@LongRange(min = 0, max = 200_000_000) Long> gaps,
      @ForAll @IntRange(min = 1, max = 30) int limit) {
    ManualClock clock = new ManualClock(0);
    PackedLimiter counter = SlidingWindowCounter.of(limit, Duration.ofSeconds(1)).limiter(clock);
    java.util.Map<Long, Integer> perWindow = new java.util.HashMap<>();
    for (long gap : gaps) {
      clock.advance(gap);
      if (counter.tryAcquire(1)) {
        perWindow.merge(clock.nanos() / SECOND, 1, Integer::sum);
      }
    }
    perWindow.forEach((w, n) -> assertTrue(n <= limit, n + " in window " + w));
  }
}
