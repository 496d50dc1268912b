/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.forecaster.influx;

/**
 * The pieces of InfluxDB 1.x line protocol Headroom writes: escaped tag values and numbers, appended
 * to a {@link StringBuilder} so a batch of a hundred thousand points is one buffer and no garbage
 * per point.
 */
final class LineProtocol {

  /** Below this a double holds every integer exactly, so it can be printed without a fraction. */
  private static final double EXACT_INTEGERS = 0x1p53;

  private LineProtocol() {}

  /**
   * Appends {@code value} as a tag value. influxd 1.x unescapes only {@code \,}, {@code \ } and
   * {@code \=} in tags and leaves every other backslash as it is, so a backslash right before one of
   * those characters, or at the end, cannot be written so that it reads back the same; such values,
   * empty values (InfluxDB drops empty tags) and line breaks are refused rather than mangled.
   *
   * @param what names the value in the error, e.g. "key"
   */
  static StringBuilder appendTagValue(StringBuilder out, String what, String value) {
    checkTagValue(what, value);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == ',' || c == ' ' || c == '=') {
        out.append('\\');
      }
      out.append(c);
    }
    return out;
  }

  /** Throws if {@link #appendTagValue} would refuse {@code value}; the message says why. */
  static void checkTagValue(String what, String value) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException(what + " must not be empty (InfluxDB drops empty tag values)");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\n' || c == '\r') {
        throw new IllegalArgumentException(what + " " + quoted(value) + " has a line break at index " + i
            + "; InfluxDB line protocol cannot carry it");
      }
      if (c == '\\') {
        char next = i + 1 < value.length() ? value.charAt(i + 1) : 0;
        if (next == 0 || next == ',' || next == ' ' || next == '=') {
          throw new IllegalArgumentException(what + " " + quoted(value) + " has a backslash at index " + i
              + (next == 0 ? " at its end" : " before '" + next + "'")
              + "; InfluxDB 1.x line protocol cannot write that so it reads back the same");
        }
      }
    }
  }

  /**
   * Appends a float field value: integers below 2^53 without a fraction (shorter, and the common
   * case for counts), others in Java's shortest round-trip form, whose exponent influxd accepts.
   */
  static StringBuilder appendFloat(StringBuilder out, String what, double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(what + " is " + value + "; InfluxDB stores only finite numbers");
    }
    if (value == Math.rint(value) && Math.abs(value) < EXACT_INTEGERS) {
      return out.append((long) value);
    }
    return out.append(value);
  }

  /** Appends an integer field value ({@code 42i}). */
  static StringBuilder appendInteger(StringBuilder out, long value) {
    return out.append(value).append('i');
  }

  static String quoted(String value) {
    return "\"" + value + "\"";
  }
}
