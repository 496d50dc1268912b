package dev.headroom.bench.forecast;

import java.util.List;

/** The Java methods {@code headroom bench forecast} scores, besides the statsmodels baselines. */
public final class ForecastMethods {

  /**
   * Name of Headroom's automatic model choice, the method the targets are about. Until a
   * method by this name is in {@link #all}, the target rows say so instead of a figure.
   */
  public static final String AUTOMATIC = "headroom-auto";

  private ForecastMethods() {}

  /** Every Java method, each on every row; adding a method is adding it here. */
  public static List<ForecastMethod> all() {
    return List.of(
        new SeasonalNaive());
  }
}
