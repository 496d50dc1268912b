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

  /** Fits the model to {@code y} (oldest first); the returned state stands after the last point. */
  Fitted fit(double[] y, Seasonality seasonality);
}
