package dev.headroom.engine.limiter;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.engine.clock.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad configuration fails at once with a message that names what is wrong; nothing is clamped. */
class ValidationTest {

  private static void assertRejected(String expectedText, Executable action) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action);
    assertTrue(e.getMessage().contains(expectedText), "message '" + e.getMessage() + "' lacks '" + expectedText + "'");
  }

  @Test
  void rates() {
    assertRejected("positive, finite", () -> Rate.perSecond(Double.NaN));
    assertRejected("positive, finite", () -> Rate.perSecond(-5));
    assertRejected("positive, finite", () -> Rate.perSecond(Double.POSITIVE_INFINITY));
    assertRejected("positive, finite", () -> Rate.perSecond(0));
    assertRejected("tokens per period must be positive", () -> new Rate(-1, 1_000));
    assertRejected("period must be positive", () -> new Rate(1, 0));
    assertRejected("above one token per nanosecond", () -> TokenBucket.of(Rate.perSecond(2e9), 10));
  }

  @Test
  void bursts() {
    assertRejected("burst must be at least 1", () -> TokenBucket.of(Rate.perSecond(10), 0));
    assertRejected("burst must be 0 or more", () -> Gcra.of(Rate.perSecond(10), -1, 0));
    assertRejected("delay must be between 0 and burst", () -> Gcra.of(Rate.perSecond(10), 2, 3));
    assertRejected("4.5 years", () -> TokenBucket.of(Rate.perSecond(1e-6), 1_000_000));
  }

  @Test
  void costAboveTheLimit() {
    ManualClock clock = new ManualClock(0);
    assertRejected("cost must be between 1 and 5", () -> TokenBucket.of(Rate.perSecond(1), 5).limiter(clock).tryAcquire(6));
    assertRejected("cost must be between 1 and 5", () -> TokenBucket.of(Rate.perSecond(1), 5).limiter(clock).decide(0));
    assertRejected("cost must be between 1 and 2", () -> ConcurrencyLimit.of(2).limiter(clock).tryAcquire(3));
  }

  @Test
  void windowsAndQuotas() {
    ManualClock clock = new ManualClock(0);
    assertRejected("quota must be between 1", () -> CalendarQuota.of(0, CalendarQuota.Window.DAY));
    assertRejected("window must be a positive duration", () -> SlidingWindowCounter.of(10, Duration.ZERO));
    assertRejected("limit must be between 1", () -> SlidingLog.of(100_000, Duration.ofMinutes(1), clock));
    assertRejected("max in flight must be between 1", () -> ConcurrencyLimit.of(0));
  }

  @Test
  void changingTheKindOfALimitIsRefused() {
    PackedLimiter bucket = TokenBucket.of(Rate.perSecond(1), 5).limiter(new ManualClock(0));
    assertRejected("cannot turn a token-bucket limit into a gcra limit",
        () -> bucket.reconfigure(l -> Gcra.of(Rate.perSecond(1), 5, 0), Inheritance.AS_IS));
    assertRejected("has no refill rate", () -> ConcurrencyLimit.of(3).limiter(new ManualClock(0)).setRate(Rate.perSecond(1)));
  }
}
