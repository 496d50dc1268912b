package dev.headroom.simulator.report;

import java.util.Locale;

/** Number formatting shared by the writers: locale-independent, so reports read the same anywhere. */
final class Numbers {

  private Numbers() {}

  /** {@code value} with {@code digits} decimals, or "-" for NaN (nothing measured). */
  static String fixed(double value, int digits) {
    if (Double.isNaN(value)) {
      return "-";
    }
    return String.format(Locale.ROOT, "%." + digits + "f", value);
  }

  /** A count with thousands separators, for humans. */
  static String count(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }

  /** A double for machine-read text (CSV, SVG): shortest exact form, empty when not finite. */
  static String plain(double value) {
    if (!Double.isFinite(value)) {
      return "";
    }
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return Double.toString(value);
  }
}
