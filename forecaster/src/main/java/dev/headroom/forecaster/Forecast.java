package dev.headroom.forecaster;

import java.util.List;

/**
 * A forecast of one series: point forecasts and calibrated upper quantiles per horizon step, the
 * model that made them, how that model did in backtest, and notes (fallbacks, data problems).
 *
 * @param startMillis first forecast interval, epoch milliseconds
 * @param stepMillis  interval length
 * @param model       name of the chosen model (or combination)
 * @param mean        point forecast per step
 * @param p50         median per step
 * @param p90         90th percentile per step
 * @param p99         99th percentile per step
 * @param backtest    accuracy of the chosen model in the rolling-origin backtest
 * @param notes       human-readable notes: fallbacks taken, data repaired; empty when none
 */
public record Forecast(
    long startMillis, long stepMillis, String model, double[] mean, double[] p50, double[] p90,
    double[] p99, Backtest backtest, List<String> notes) {

  public Forecast {
    int n = mean.length;
    if (p50.length != n || p90.length != n || p99.length != n) {
      throw new IllegalArgumentException("quantile arrays must have the horizon's length " + n);
    }
    notes = List.copyOf(notes);
  }

  public int horizon() {
    return mean.length;
  }

  public long timeMillis(int i) {
    return startMillis + stepMillis * i;
  }

  /**
   * Backtest accuracy: MASE and sMAPE of the point forecast, and the share of held-out points at or
   * below the P90 and P99 bounds (empirical coverage). NaN where there was too little history.
   */
  public record Backtest(double mase, double smape, double coverageP90, double coverageP99, int folds) {
    public static Backtest none() {
      return new Backtest(Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
    }
  }
}
