/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.engine.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.engine.clock.ManualClock;
import dev.headroom.engine.config.AlgorithmConfig.QuotaParams;
import dev.headroom.engine.limiter.CalendarQuota.Window;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The pacer on a hand-moved clock: quota windows, even pacing, Retry-After and AIMD. */
class OutboundPacerTest {

  private static final long MS = 1_000_000L;
  private static final long S = 1_000_000_000L;
  private static final ZoneId UTC = ZoneId.of("UTC");

  private static OutboundPacer pacer(long quota, Window window, ManualClock clock) {
    return new OutboundPacer(new QuotaParams(quota, window, UTC), clock, OutboundPacer.Settings.defaults());
  }

  /**
   * A client that always has a call waiting: asks, and when told to wait, moves the clock by exactly
   * that much. Returns the instants calls were granted.
   */
  private static List<Long> drive(OutboundPacer pacer, ManualClock clock, long untilNanos) {
    List<Long> granted = new ArrayList<>();
    while (clock.nanos() < untilNanos) {
      long wait = pacer.tryAcquire();
      if (wait == 0) {
        granted.add(clock.nanos());
      } else {
        assertTrue(wait > 0, "a wait is positive");
        clock.advance(wait);
      }
    }
    return granted;
  }

  @ParameterizedTest(name = "{0} per {1}, starting {2} ms into a window")
  @CsvSource({"10, SECOND, 0", "10, SECOND, 973", "1000, MINUTE, 41234", "7, SECOND, 500", "3, MINUTE, 59990"})
  void neverMoreThanTheQuotaInAnyCalendarWindowAndNothingInItsGuard(long quota, Window window, long offsetMs) {
    long windowNanos = OutboundPacer.nominalLength(window).toNanos();
    ManualClock clock = ManualClock.at(Instant.parse("2025-03-30T00:00:00Z"));
    clock.advance(offsetMs * MS);
    long start = clock.nanos();
    OutboundPacer pacer = pacer(quota, window, clock);
    List<Long> granted = drive(pacer, clock, start + 10 * windowNanos);

    TreeMap<Long, Integer> perWindow = new TreeMap<>();
    long guard = Math.min(50 * MS, windowNanos / 20);
    for (long t : granted) {
      perWindow.merge(Math.floorDiv(t, windowNanos), 1, Integer::sum);
      long intoWindow = Math.floorMod(t, windowNanos);
      assertTrue(windowNanos - intoWindow > guard, "granted inside the guard at the end of a window: " + t);
    }
    perWindow.forEach((w, n) -> assertTrue(n <= quota, n + " calls in window " + w + " with a quota of " + quota));
    // Paced, not starved: over 10 windows at least 8 windows' worth of calls (the first and last may be partial).
    assertTrue(granted.size() >= 8 * quota, "only " + granted.size() + " calls in 10 windows of " + quota);
  }

  @Test
  void spreadsCallsEvenlyInsteadOfSpendingTheWindowAtOnce() {
    ManualClock clock = ManualClock.at(Instant.parse("2025-01-01T12:00:00Z"));
    OutboundPacer pacer = pacer(600, Window.MINUTE, clock);   // 10/s on average
    List<Long> granted = drive(pacer, clock, clock.nanos() + 30 * S);
    // The bucket holds one second of calls (10); after that one call every 100 ms.
    for (int i = 0; i < 10; i++) {
      assertEquals(granted.getFirst(), granted.get(i), "the first second's calls go at once");
    }
    for (int i = 11; i < granted.size(); i++) {
      long gap = granted.get(i) - granted.get(i - 1);
      assertTrue(gap >= 100 * MS - 1 && gap <= 100 * MS + 1, "gap " + gap + " ns between calls " + (i - 1) + " and " + i);
    }
    assertEquals(10.0, pacer.ratePerSecond(), 1e-9);
  }

  @Test
  void retryAfterPausesEveryCall() {
    ManualClock clock = ManualClock.at(Instant.parse("2025-01-01T12:00:00.200Z"));
    OutboundPacer pacer = pacer(100, Window.SECOND, clock);
    long sent = clock.nanos();
    assertEquals(0, pacer.tryAcquire());
    clock.advance(10 * MS);
    pacer.onPushBack(sent, 2 * S);
    assertEquals(2 * S, pacer.tryAcquire(), "nothing goes until the provider's Retry-After has passed");
    clock.advance(2 * S - 1);
    assertEquals(1, pacer.tryAcquire());
    clock.advance(1);
    assertEquals(0, pacer.tryAcquire());
  }

  @Test
  void pushBackLowersTheRateOncePerRoundThenItRecoversAdditivelyUpToTheQuota() {
    ManualClock clock = ManualClock.at(Instant.parse("2025-01-01T12:00:00Z"));
    OutboundPacer pacer = pacer(1000, Window.MINUTE, clock);
    double quotaRate = 1000 / 60.0;
    assertEquals(quotaRate, pacer.ratePerSecond(), 1e-9);

    long sentBefore = clock.nanos();
    clock.advance(100 * MS);
    pacer.onPushBack(sentBefore, 0);
    assertEquals(0.7 * quotaRate, pacer.ratePerSecond(), 1e-9);
    // More 429s for calls sent at the old rate: the same round, no further decrease.
    pacer.onPushBack(sentBefore, 0);
    pacer.onPushBack(sentBefore + 50 * MS, 0);
    assertEquals(0.7 * quotaRate, pacer.ratePerSecond(), 1e-9);
    assertEquals(3, pacer.pushBacks());
    // A call sent after the decrease is refused too: the lower rate is still too high.
    clock.advance(200 * MS);
    pacer.onPushBack(clock.nanos(), 0);
    assertEquals(0.49 * quotaRate, pacer.ratePerSecond(), 1e-9);

    // Quiet for one period (10 s): +10% of the quota rate; then one step per period, capped.
    clock.advance(Duration.ofSeconds(10).minusNanos(1));
    assertEquals(0.49 * quotaRate, pacer.ratePerSecond(), 1e-9, "not before the quiet period ends");
    clock.advance(1);
    assertEquals(0.59 * quotaRate, pacer.ratePerSecond(), 1e-9);
    clock.advance(Duration.ofSeconds(20));
    assertEquals(0.79 * quotaRate, pacer.ratePerSecond(), 1e-9);
    clock.advance(Duration.ofMinutes(5));
    assertEquals(quotaRate, pacer.ratePerSecond(), 1e-9, "never above the quota rate");
  }

  @Test
  void theLowerRateReallyPacesCalls() {
    ManualClock clock = ManualClock.at(Instant.parse("2025-01-01T12:00:00.100Z"));
    OutboundPacer pacer = pacer(100, Window.SECOND, clock);
    drive(pacer, clock, clock.nanos() + 2 * S);                // settle into steady pacing
    pacer.onPushBack(clock.nanos(), 0);                         // 100/s -> 70/s
    long from = clock.nanos();
    List<Long> granted = drive(pacer, clock, from + 5 * S);
    // In 5 s at 70/s: the bucket's one second of calls refills at the lower rate, so at most
    // 70 x 5 + 100 (a full bucket) and clearly fewer than the 500 the quota allows.
    assertTrue(granted.size() <= 70 * 5 + 100 && granted.size() >= 70 * 5 - 1,
        granted.size() + " calls in 5 s after backing off to 70/s");
  }

  @Test
  void rateNeverFallsBelowItsFloor() {
    ManualClock clock = ManualClock.at(Instant.parse("2025-01-01T12:00:00Z"));
    OutboundPacer pacer = pacer(60, Window.MINUTE, clock);
    for (int i = 0; i < 50; i++) {
      clock.advance(MS);
      pacer.onPushBack(clock.nanos(), 0);
    }
    assertEquals(0.05, pacer.ratePerSecond(), 1e-12);
  }
}
