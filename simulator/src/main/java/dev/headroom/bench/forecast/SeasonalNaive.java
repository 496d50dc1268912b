package dev.headroom.bench.forecast;

/**
 * The protocol's reference method: tomorrow repeats today. The forecast k steps ahead
 * (k = 0, 1, ...) of history y_0..y_{n-1} is y_{n - jm + k} with j = k / m + 1, the value one
 * (or j) seasons back.
 *
 * <p>Bounds: the P90 (P99) bound adds to that forecast the empirical 0.90 (0.99) quantile of the
 * in-sample errors this same rule would have made at the same lag, y_t - y_{t - jm} over the whole
 * history (type-7 quantiles, {@link Quantiles}). Nothing is assumed about the error distribution;
 * for horizons within one season (all day-scale rows) j = 1, the seasonal differences.
 */
public final class SeasonalNaive implements ForecastMethod {

  public static final String NAME = "seasonal-naive";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public MethodForecast forecast(double[] train, int season, int horizon, long stepMillis) {
    int n = train.length;
    int seasonsAhead = (horizon - 1) / season + 1;
    if (season < 1 || n <= seasonsAhead * season) {
      throw new IllegalArgumentException("seasonal naive with m = " + season + " and horizon " + horizon
          + " needs more than " + seasonsAhead * season + " points, got " + n);
    }
    double[] q90 = new double[seasonsAhead + 1];
    double[] q99 = new double[seasonsAhead + 1];
    for (int j = 1; j <= seasonsAhead; j++) {
      int lag = j * season;
      double[] errors = new double[n - lag];
      for (int t = lag; t < n; t++) {
        errors[t - lag] = train[t] - train[t - lag];
      }
      q90[j] = Quantiles.of(errors, 0.90);
      q99[j] = Quantiles.of(errors, 0.99);
    }
    double[] mean = new double[horizon];
    double[] p90 = new double[horizon];
    double[] p99 = new double[horizon];
    for (int k = 0; k < horizon; k++) {
      int j = k / season + 1;
      mean[k] = train[n - j * season + k];
      p90[k] = mean[k] + q90[j];
      p99[k] = mean[k] + q99[j];
    }
    return new MethodForecast(mean, p90, p99);
  }
}
