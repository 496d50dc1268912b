/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.engine.gateway;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.OptionalLong;

/**
 * Reads an upstream's {@code Retry-After} (RFC 9110 section 10.2.3): either a number of seconds or
 * an HTTP date. Providers use both, and a date must be read against our clock, not theirs.
 */
final class RetryAfter {

  private static final long SECOND = 1_000_000_000L;
  /** Larger values are absurd for a retry and would overflow nanoseconds; treated as "too long". */
  private static final long MAX_SECONDS = 365L * 24 * 3600;

  private RetryAfter() {}

  /**
   * The delay in nanoseconds from {@code nowNanos} (epoch), never negative; empty when the header is
   * absent or unreadable (the caller then falls back to its own backoff).
   */
  static OptionalLong delayNanos(String header, long nowNanos) {
    if (header == null || header.isBlank()) {
      return OptionalLong.empty();
    }
    String value = header.trim();
    if (value.chars().allMatch(Character::isDigit)) {
      if (value.length() > 12) {
        return OptionalLong.of(MAX_SECONDS * SECOND);
      }
      return OptionalLong.of(Math.min(Long.parseLong(value), MAX_SECONDS) * SECOND);
    }
    try {
      ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
      long atNanos = Math.multiplyExact(at.toEpochSecond(), SECOND);
      return OptionalLong.of(Math.min(Math.max(0, atNanos - nowNanos), MAX_SECONDS * SECOND));
    } catch (DateTimeParseException | ArithmeticException e) {
      return OptionalLong.empty();
    }
  }
}
