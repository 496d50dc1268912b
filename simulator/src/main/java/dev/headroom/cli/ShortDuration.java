package dev.headroom.cli;

import dev.headroom.engine.config.DurationText;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Durations on the command line, in the syntax of the configuration ({@link DurationText}:
 * {@code 10s}, {@code 5m}, {@code 24h}, {@code 7d}, {@code 250ms}, ISO-8601), and above zero.
 */
public final class ShortDuration implements ITypeConverter<Duration> {

  @Override
  public Duration convert(String value) {
    return parse(value);
  }

  public static Duration parse(String value) {
    Duration d;
    try {
      d = DurationText.parse(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException("'" + value + "': " + e.getMessage());
    }
    if (d.isZero()) {
      throw new TypeConversionException("'" + value + "' must be a positive duration");
    }
    return d;
  }
}
