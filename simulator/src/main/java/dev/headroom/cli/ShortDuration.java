package dev.headroom.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Durations as people write them on a command line: {@code 10s}, {@code 5m}, {@code 24h}, {@code 7d}, {@code 250ms}, or ISO-8601. */
public final class ShortDuration implements ITypeConverter<Duration> {

  @Override
  public Duration convert(String value) {
    return parse(value);
  }

  public static Duration parse(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    try {
      if (v.startsWith("p") || v.startsWith("-p")) {
        return positive(Duration.parse(value.trim()), value);
      }
      int split = 0;
      while (split < v.length() && (Character.isDigit(v.charAt(split)) || v.charAt(split) == '.')) {
        split++;
      }
      if (split == 0 || split == v.length()) {
        throw new TypeConversionException("'" + value + "' is not a duration: write a number and a unit, "
            + "such as 10s, 5m, 24h or 7d");
      }
      double amount = Double.parseDouble(v.substring(0, split));
      long unitMillis = switch (v.substring(split)) {
        case "ms" -> 1;
        case "s" -> 1_000;
        case "m", "min" -> 60_000;
        case "h" -> 3_600_000;
        case "d" -> 86_400_000;
        case "w" -> 7 * 86_400_000L;
        default -> throw new TypeConversionException("'" + value + "': unknown unit '" + v.substring(split)
            + "' (use ms, s, m, h, d or w)");
      };
      double millis = amount * unitMillis;
      if (millis != Math.rint(millis)) {
        throw new TypeConversionException("'" + value + "' is not a whole number of milliseconds");
      }
      return positive(Duration.ofMillis((long) millis), value);
    } catch (NumberFormatException | DateTimeParseException e) {
      throw new TypeConversionException("'" + value + "' is not a duration (such as 10s, 5m, 24h, 7d)");
    }
  }

  private static Duration positive(Duration d, String value) {
    if (d.isNegative() || d.isZero()) {
      throw new TypeConversionException("'" + value + "' must be a positive duration");
    }
    return d;
  }

  /** {@code 5m}, {@code 1h}, {@code 10s}: the shortest exact form. */
  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms % 86_400_000 == 0) {
      return ms / 86_400_000 + "d";
    }
    if (ms % 3_600_000 == 0) {
      return ms / 3_600_000 + "h";
    }
    if (ms % 60_000 == 0) {
      return ms / 60_000 + "m";
    }
    if (ms % 1_000 == 0) {
      return ms / 1_000 + "s";
    }
    return ms + "ms";
  }
}
