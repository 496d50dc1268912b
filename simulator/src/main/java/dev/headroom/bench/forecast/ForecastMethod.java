package dev.headroom.bench.forecast;

/**
 * One contender of the forecast benchmark: something that, given the history before an origin,
 * forecasts the next steps with P90 and P99 upper bounds. Headroom's models, its automatic choice
 * and the seasonal-naive baseline all enter the evaluation through this one call, so they are
 * scored on identical splits. Implementations must be thread-confined and stateless between calls:
 * each call is one fit from scratch (the fit time measured is that of one call).
 */
public interface ForecastMethod {

  /** Short stable name used in tables and the JSON report, such as {@code seasonal-naive}. */
  String name();

  /**
   * Fits on {@code train} and forecasts the next {@code horizon} steps.
   *
   * @param train the values before the origin, oldest first, without NaN (never modified)
   * @param season the season m in steps (one day, or 6 for the Azure rows)
   * @param horizon the longest horizon in steps; every array of the result has this length
   * @param stepMillis the series' step, for methods that find calendar periods themselves
   */
  MethodForecast forecast(double[] train, int season, int horizon, long stepMillis);
}
