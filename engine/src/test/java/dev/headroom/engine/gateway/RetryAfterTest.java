/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.engine.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

  private static final long S = 1_000_000_000L;
  private static final long NOW = Instant.parse("2025-06-01T10:00:00.250Z").getEpochSecond() * S + 250_000_000L;

  @Test
  void secondsAndDatesAreBothRead() {
    assertEquals(OptionalLong.of(7 * S), RetryAfter.delayNanos("7", NOW));
    assertEquals(OptionalLong.of(0), RetryAfter.delayNanos(" 0 ", NOW));
    // Sun, 01 Jun 2025 10:00:05 GMT is 4.75 s after NOW.
    assertEquals(OptionalLong.of(4_750_000_000L), RetryAfter.delayNanos("Sun, 01 Jun 2025 10:00:05 GMT", NOW));
    assertEquals(OptionalLong.of(0), RetryAfter.delayNanos("Sun, 01 Jun 2025 09:00:00 GMT", NOW), "a past date means now");
  }

  @Test
  void unreadableOrAbsentGivesNothing() {
    assertEquals(OptionalLong.empty(), RetryAfter.delayNanos(null, NOW));
    assertEquals(OptionalLong.empty(), RetryAfter.delayNanos("", NOW));
    assertEquals(OptionalLong.empty(), RetryAfter.delayNanos("soon", NOW));
    assertEquals(OptionalLong.empty(), RetryAfter.delayNanos("-5", NOW));
    assertEquals(OptionalLong.empty(), RetryAfter.delayNanos("1.5", NOW));
  }

  @Test
  void absurdValuesAreCappedNotOverflowed() {
    assertEquals(OptionalLong.of(365L * 24 * 3600 * S), RetryAfter.delayNanos("99999999999999999999", NOW));
  }
}
