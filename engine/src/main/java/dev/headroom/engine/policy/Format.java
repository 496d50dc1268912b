package dev.headroom.engine.policy;

import java.util.Locale;

/** Numbers and durations as decision reasons show them: short, fixed locale, no exponent. */
final class Format {

  private Format() {}

  static String rate(double perSecond) {
    return String.format(Locale.ROOT, "%.2f/s", perSecond);
  }

  static String number(double x) {
    return String.format(Locale.ROOT, "%.2f", x);
  }

  static String duration(long millis) {
    if (millis % 60_000 == 0) {
      return millis / 60_000 + "m";
    }
    if (millis % 1_000 == 0) {
      return millis / 1_000 + "s";
    }
    return millis + "ms";
  }
}
