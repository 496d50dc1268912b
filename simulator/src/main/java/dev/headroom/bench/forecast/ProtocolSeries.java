package dev.headroom.bench.forecast;

import dev.headroom.forecaster.series.RateSeries;

/**
 * One (trace, step) row of the forecast evaluation protocol ({@code shared/FORECAST_PROTOCOL.md}):
 * the series prepared as the protocol says, its season length and horizons in steps.
 *
 * @param trace         trace name, such as {@code nasa}
 * @param series        prepared series (no missing values left unless the protocol keeps them)
 * @param season        season m in steps (one day; 6 for Azure)
 * @param horizons      horizons in steps, such as {@code [12, 288]}
 * @param horizonLabels labels for the horizons, such as {@code ["1h", "24h"]}
 * @param origins       origin indices (first test point of each fold)
 * @param dayScale      true for the nine day-scale rows that enter the protocol's averages
 */
public record ProtocolSeries(
    String trace, RateSeries series, int season, int[] horizons, String[] horizonLabels,
    int[] origins, boolean dayScale) {

  /** {@code nasa/5m}, the row's name in tables. */
  public String name() {
    long s = series.stepMillis() / 1000;
    String step = s % 3600 == 0 ? (s / 3600) + "h" : s % 60 == 0 ? (s / 60) + "m" : s + "s";
    return trace + "/" + step;
  }
}
