package dev.headroom.bench.forecast;

/**
 * The scores of the forecast protocol ({@code shared/FORECAST_PROTOCOL.md}, "Metrics"), each over
 * one window of test points. Arrays are read from index 0 for {@code n} values.
 */
public final class Metrics {

  private Metrics() {}

  /**
   * MASE's denominator: the in-sample mean |y_t - y_{t-m}| of the training data, that is the error
   * seasonal naive with lag m would have made on the history. Zero when the history repeats exactly
   * with period m (MASE is then undefined).
   */
  public static double seasonalNaiveScale(double[] train, int m) {
    if (m < 1 || train.length <= m) {
      throw new IllegalArgumentException(
          "the MASE scale needs more than m = " + m + " training points, got " + train.length);
    }
    double sum = 0;
    for (int t = m; t < train.length; t++) {
      sum += Math.abs(train[t] - train[t - m]);
    }
    return sum / (train.length - m);
  }

  /** Mean absolute error of the first {@code n} values, divided by {@code scale}. */
  public static double mase(double[] actual, double[] forecast, int n, double scale) {
    checkLengths(actual, forecast, n);
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += Math.abs(actual[i] - forecast[i]);
    }
    return sum / n / scale;
  }

  /** sMAPE in percent: 100 mean(2|y - f| / (|y| + |f|)), a term with both zero counting 0. */
  public static double smape(double[] actual, double[] forecast, int n) {
    checkLengths(actual, forecast, n);
    double sum = 0;
    for (int i = 0; i < n; i++) {
      double denominator = Math.abs(actual[i]) + Math.abs(forecast[i]);
      if (denominator > 0) {
        sum += 2 * Math.abs(actual[i] - forecast[i]) / denominator;
      }
    }
    return 100 * sum / n;
  }

  /** Percent of the first {@code n} actual values at or below the upper bound. */
  public static double coverage(double[] actual, double[] upper, int n) {
    checkLengths(actual, upper, n);
    int covered = 0;
    for (int i = 0; i < n; i++) {
      if (actual[i] <= upper[i]) {
        covered++;
      }
    }
    return 100.0 * covered / n;
  }

  private static void checkLengths(double[] actual, double[] forecast, int n) {
    if (n < 1 || actual.length < n || forecast.length < n) {
      throw new IllegalArgumentException("need " + n + " values, have " + actual.length
          + " actual and " + forecast.length + " forecast");
    }
  }
}
