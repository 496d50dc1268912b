package dev.headroom.bench;

/** Ratios between two measurements of the same run. */
public final class Ratios {

  private Ratios() {}

  /**
   * {@code value / baseline}, or {@code null} when either is missing, not finite, or the baseline
   * is not positive (a ratio to zero or to a failed run means nothing).
   */
  public static Double ratio(Double value, Double baseline) {
    if (value == null || baseline == null
        || !Double.isFinite(value) || !Double.isFinite(baseline) || baseline <= 0) {
      return null;
    }
    return value / baseline;
  }

  /** {@code x} rounded to {@code decimals} places (half up); null stays null. */
  public static Double round(Double x, int decimals) {
    if (x == null || !Double.isFinite(x)) {
      return x;
    }
    return new java.math.BigDecimal(x).setScale(decimals, java.math.RoundingMode.HALF_UP).doubleValue();
  }

  /** A ratio as a table cell: {@code 1.23x}, or {@code -} when there is none. */
  public static String format(Double ratio) {
    if (ratio == null) {
      return "-";
    }
    return ratio >= 100 ? String.format("%.0fx", ratio)
        : ratio >= 10 ? String.format("%.1fx", ratio)
        : String.format("%.2fx", ratio);
  }
}
