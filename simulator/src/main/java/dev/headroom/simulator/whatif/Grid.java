package dev.headroom.simulator.whatif;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The what-if grid: traffic scales (rows) against capacity factors (columns). A scale multiplies
 * the trace, history included; a capacity factor sizes the system as a multiple of the busy-minute
 * demand of the <em>unscaled</em> trace, so that a row is "this much more traffic against the same
 * system".
 *
 * @param scales     traffic multipliers, in row order
 * @param capacities capacity factors, in column order
 */
public record Grid(List<Double> scales, List<Double> capacities) {

  /** Default rows: half the traffic to double. */
  public static final String DEFAULT_SCALES = "0.5,0.75,1,1.25,1.5,2";
  /** Default columns: a system sized for 60% to 150% of today's busy minutes. */
  public static final String DEFAULT_CAPACITIES = "0.6,0.8,1.0,1.2,1.5";

  public Grid {
    scales = List.copyOf(scales);
    capacities = List.copyOf(capacities);
    check("--scales", scales);
    check("--capacities", capacities);
  }

  /** The grid of two comma-separated lists, such as {@code 0.5,1,2} and {@code 0.8,1.2}. */
  public static Grid parse(String scales, String capacities) {
    return new Grid(parseList("--scales", scales), parseList("--capacities", capacities));
  }

  /**
   * A comma-separated list of positive, finite numbers, duplicates dropped, order kept; errors
   * name {@code option}.
   */
  public static List<Double> parseList(String option, String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException(option + ": give at least one number, such as 0.5,1,2");
    }
    List<Double> values = new ArrayList<>();
    for (String part : text.split(",", -1)) {
      String p = part.trim();
      if (p.isEmpty()) {
        throw new IllegalArgumentException(option + ": empty value in \"" + text + "\"");
      }
      double v;
      try {
        v = Double.parseDouble(p);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(option + ": \"" + p + "\" is not a number");
      }
      if (!(v > 0) || Double.isInfinite(v)) {
        throw new IllegalArgumentException(option + ": values must be positive and finite, got " + p);
      }
      if (!values.contains(v)) {
        values.add(v);
      }
    }
    return values;
  }

  public int rows() {
    return scales.size();
  }

  public int columns() {
    return capacities.size();
  }

  public int cells() {
    return rows() * columns();
  }

  /** A factor as a short label: {@code x0.75}, {@code x1}, {@code x1.2}. */
  public static String label(double factor) {
    String s = String.format(Locale.ROOT, "%.3f", factor).replaceAll("0+$", "").replaceAll("\\.$", "");
    return "x" + s;
  }

  private static void check(String option, List<Double> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException(option + ": give at least one number");
    }
    for (double v : values) {
      if (!(v > 0) || Double.isInfinite(v)) {
        throw new IllegalArgumentException(option + ": values must be positive and finite, got " + v);
      }
    }
  }
}
