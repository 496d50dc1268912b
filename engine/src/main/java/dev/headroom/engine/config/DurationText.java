/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.engine.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them, the one syntax of the configuration, the admin API and the
 * command line: a number and a unit ({@code 250ms}, {@code 30s}, {@code 5m} or {@code 5min},
 * {@code 1h}, {@code 1.5h}, {@code 7d}, {@code 2w}), a bare {@code 0}, or ISO-8601 ({@code PT5M}).
 * A duration must be a whole number of milliseconds and not negative; each caller applies its own
 * bounds (an override's TTL at most 7 days, a window above zero) and says where the text came from.
 */
public final class DurationText {

  /** What was expected, for messages that add where and what was found. */
  public static final String EXPECTED = "expected a duration such as 30s or 5m";

  private static final Pattern TEXT = Pattern.compile("(\\d{1,12}(?:\\.\\d{1,9})?)\\s*(ms|s|m|min|h|d|w)");

  private DurationText() {}

  /** The duration {@code text} says; {@link IllegalArgumentException} with what was expected otherwise. */
  public static Duration parse(String text) {
    String t = text.trim();
    if (t.equals("0")) {
      return Duration.ZERO;
    }
    if (t.startsWith("P") || t.startsWith("p")) {
      try {
        return notNegative(Duration.parse(t));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(EXPECTED);
      }
    }
    Matcher m = TEXT.matcher(t.toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException(EXPECTED);
    }
    long unitMillis = switch (m.group(2)) {
      case "ms" -> 1;
      case "s" -> 1_000;
      case "m", "min" -> 60_000;
      case "h" -> 3_600_000;
      case "d" -> 86_400_000;
      case "w" -> 7 * 86_400_000L;
      default -> throw new AssertionError(m.group(2));
    };
    // Exact decimal arithmetic: 1.5h is 5,400,000 ms, and 0.0005s is refused rather than rounded.
    BigDecimal millis = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unitMillis));
    try {
      return Duration.ofMillis(millis.longValueExact());
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("expected a whole number of milliseconds, such as 1.5s or 250ms");
    }
  }

  /** The shortest exact form: {@code 5m}, {@code 1h}, {@code 10s}, {@code 250ms}. */
  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms != 0 && ms % 86_400_000 == 0) {
      return ms / 86_400_000 + "d";
    }
    if (ms != 0 && ms % 3_600_000 == 0) {
      return ms / 3_600_000 + "h";
    }
    if (ms != 0 && ms % 60_000 == 0) {
      return ms / 60_000 + "m";
    }
    if (ms % 1_000 == 0) {
      return ms / 1_000 + "s";
    }
    return ms + "ms";
  }

  private static Duration notNegative(Duration d) {
    if (d.isNegative()) {
      throw new IllegalArgumentException("expected a duration of zero or more");
    }
    return d;
  }
}
