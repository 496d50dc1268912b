/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.engine.config;

import dev.headroom.engine.limiter.CalendarQuota;
import dev.headroom.engine.limiter.Rate;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The unit syntaxes of the configuration besides durations ({@link DurationText}): rates
 * ({@code 100/s}, {@code 1000/min}, {@code 0.5/s}, {@code 30/10s}),
 * calendar quotas ({@code 1000/min}, {@code 1000000/day}) and sizes ({@code 64MiB}). Each parser
 * throws {@link IllegalArgumentException} with what was expected; the caller adds where and what
 * was found.
 */
final class Units {

  static final String RATE = "expected a rate such as 100/s, 1000/min or 10000/h";
  static final String QUOTA = "expected a calendar quota such as 1000/min, 10000/hour or 1000000/day";
  static final String SIZE = "expected a size such as 64MiB or 500KB";

  private static final Pattern RATE_TEXT =
      Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*/\\s*(\\d+)?\\s*(ms|s|sec|second|m|min|minute|h|hour|d|day)");
  private static final Pattern QUOTA_TEXT =
      Pattern.compile("(\\d+)\\s*/\\s*(s|sec|second|m|min|minute|h|hour|d|day|week|month)");
  private static final Pattern SIZE_TEXT = Pattern.compile("(\\d+)\\s*(B|KB|MB|GB|KiB|MiB|GiB)?");
  private static final long MAX_COUNT = 1L << 40;

  private Units() {}

  /** Exact: {@code 0.5/s} is 5 tokens per 10 s, {@code 1000/min} stays 1000 per 60 s. */
  static Rate rate(String text) {
    Matcher m = RATE_TEXT.matcher(text.trim());
    if (!m.matches() || m.group(1).length() > 15) {
      throw new IllegalArgumentException(RATE);
    }
    BigDecimal amount = new BigDecimal(m.group(1)).stripTrailingZeros();
    if (amount.signum() <= 0) {
      throw new IllegalArgumentException("expected a rate above zero");
    }
    long count = m.group(2) == null ? 1 : Long.parseLong(m.group(2));
    if (count == 0 || count > MAX_COUNT) {
      throw new IllegalArgumentException(RATE);
    }
    long unitNanos = unitNanos(m.group(3));
    try {
      int scale = Math.max(0, amount.scale());
      long tokens = amount.movePointRight(scale).longValueExact();
      long period = Math.multiplyExact(Math.multiplyExact(unitNanos, count), BigDecimal.TEN.pow(scale).longValueExact());
      return new Rate(tokens, period);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("expected a rate with fewer digits");
    }
  }

  /** A quota and its calendar window: {@code 1000/min} is 1000 calls per calendar minute. */
  static Quota quota(String text) {
    Matcher m = QUOTA_TEXT.matcher(text.trim());
    if (!m.matches() || m.group(1).length() > 12) {
      throw new IllegalArgumentException(QUOTA);
    }
    long n = Long.parseLong(m.group(1));
    if (n < 1 || n > CalendarQuota.MAX_QUOTA) {
      throw new IllegalArgumentException("expected a quota between 1 and " + CalendarQuota.MAX_QUOTA + " per window");
    }
    CalendarQuota.Window window = switch (m.group(2)) {
      case "s", "sec", "second" -> CalendarQuota.Window.SECOND;
      case "m", "min", "minute" -> CalendarQuota.Window.MINUTE;
      case "h", "hour" -> CalendarQuota.Window.HOUR;
      case "d", "day" -> CalendarQuota.Window.DAY;
      case "week" -> CalendarQuota.Window.WEEK;
      case "month" -> CalendarQuota.Window.MONTH;
      default -> throw new AssertionError(m.group(2));
    };
    return new Quota(n, window);
  }

  /** KB, MB, GB are powers of 1000; KiB, MiB, GiB powers of 1024. */
  static long size(String text) {
    Matcher m = SIZE_TEXT.matcher(text.trim());
    if (!m.matches() || m.group(1).length() > 15) {
      throw new IllegalArgumentException(SIZE);
    }
    long n = Long.parseLong(m.group(1));
    long unit = m.group(2) == null ? 1 : switch (m.group(2)) {
      case "B" -> 1L;
      case "KB" -> 1_000L;
      case "MB" -> 1_000_000L;
      case "GB" -> 1_000_000_000L;
      case "KiB" -> 1L << 10;
      case "MiB" -> 1L << 20;
      case "GiB" -> 1L << 30;
      default -> throw new AssertionError(m.group(2));
    };
    try {
      return Math.multiplyExact(n, unit);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(SIZE);
    }
  }

  /** A rate in tokens per second, readable: {@code 100/s}, {@code 16.667/s}. */
  static String format(double perSecond) {
    BigDecimal b = BigDecimal.valueOf(perSecond).setScale(3, java.math.RoundingMode.HALF_EVEN).stripTrailingZeros();
    return b.toPlainString() + "/s";
  }

  private static long unitNanos(String unit) {
    return switch (unit.toLowerCase(Locale.ROOT)) {
      case "ms" -> 1_000_000L;
      case "s", "sec", "second" -> 1_000_000_000L;
      case "m", "min", "minute" -> 60_000_000_000L;
      case "h", "hour" -> 3_600_000_000_000L;
      case "d", "day" -> 86_400_000_000_000L;
      default -> throw new AssertionError(unit);
    };
  }

  record Quota(long quota, CalendarQuota.Window window) {}
}
