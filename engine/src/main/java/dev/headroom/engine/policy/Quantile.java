package dev.headroom.engine.policy;

import java.util.Locale;

/** Which line of a forecast a policy reads: the mean or one of the calibrated quantiles. */
public enum Quantile {
  MEAN, P50, P90, P99;

  double[] of(ForecastView f) {
    return switch (this) {
      case MEAN -> f.mean();
      case P50 -> f.p50();
      case P90 -> f.p90();
      case P99 -> f.p99();
    };
  }

  /** Parses {@code mean}, {@code p50}, {@code p90} or {@code p99} (any case). */
  public static Quantile parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException("expected one of mean, p50, p90, p99, got \"" + text + "\"");
    }
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
