package dev.headroom.forecaster.model;

/**
 * A model fitted to one series, standing just after the last observation it has seen. Not
 * thread-safe: one owner updates it as points arrive.
 */
public interface Fitted {

  /** Point forecasts (means) for the next {@code horizon} steps. */
  double[] forecast(int horizon);

  /**
   * Absorbs the next observation without refitting parameters: O(1) or O(number of seasonal terms),
   * so a loop over thousands of keys can keep every model current. {@code y} is never NaN.
   */
  void update(double y);
}
