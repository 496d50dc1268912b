package dev.headroom.forecaster.model;

/**
 * One kind of forecasting model, as a recipe: immutable, thread-safe, reusable across series.
 * {@link #fit} returns the model's state for one series.
 *
 * <p>Inputs are clean: no NaN (the caller imputes missing intervals first), at least
 * {@link #minHistory} points.
 */
public interface ForecastModel {

  /** Short stable name used in reports, such as {@code holt-winters-add-damped}. */
  String name();

  /** The fewest points {@link #fit} accepts for these seasonal periods. */
  int minHistory(Seasonality seasonality);

  /**
   * Fits again on a longer history, given the fit of an earlier part of it. The default fits from
   * scratch; a model whose parameters are costly to search but stable over a few days (smoothing
   * weights) may keep them and only rebuild its state, which is what makes refitting after a
   * backtest affordable.
   */
  default Fitted refit(double[] y, Seasonality seasonality, Fitted earlier) {
    return fit(y, seasonality);
  }

  /** Fits the model to {@code y} (oldest first); the returned state stands after the last point. */
  Fitted fit(double[] y, Seasonality seasonality);
}
