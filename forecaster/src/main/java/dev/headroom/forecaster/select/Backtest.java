package dev.headroom.forecaster.select;

import dev.headroom.forecaster.model.Fitted;
import dev.headroom.forecaster.model.ForecastModel;
import dev.headroom.forecaster.model.Seasonality;
import java.util.ArrayList;
import java.util.List;

/**
 * Rolling-origin backtest of several candidate models over the most recent part of a series, in
 * one pass per model: each model is fitted once on the data before the holdout, then walks through
 * the holdout with {@link Fitted#update}, forecasting the full horizon at every origin. When the
 * walk ends, each model stands at the end of the series, ready to forecast the real future: the
 * backtest costs one fit per model, not one per origin.
 *
 * <p>The holdout is three horizons or seven seasons (a week of days), whichever is longer, but at
 * most a third of the series, so that the errors that calibrate the quantiles include weekdays
 * and weekends. Origins are an eighth of a horizon apart, or further when that would make more
 * than 96 of them.
 */
public final class Backtest {

  /** Seasons (days) of holdout: a week, so weekdays and weekends both calibrate the bounds. */
  private static final int HOLDOUT_SEASONS = 7;

  /** One candidate's outcome: its live state and its forecasts at each origin. */
  public record Run(ForecastModel model, Fitted fitted, double[][] forecasts) {}

  private final double[] y;
  private final boolean[] observed;
  private final int horizon;
  private final int[] origins;
  private final int holdoutStart;
  private final double scale;
  private final List<Run> runs = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  private Backtest(double[] y, boolean[] observed, int horizon, int holdoutStart, int[] origins, double scale) {
    this.y = y;
    this.observed = observed;
    this.horizon = horizon;
    this.holdoutStart = holdoutStart;
    this.origins = origins;
    this.scale = scale;
  }

  /**
   * The holdout start for a series of {@code n} points, or -1 when the series is too short for a
   * backtest with at least 2 origins and {@code minTrain} points of training data.
   */
  public static int holdoutStart(int n, int horizon, int season, int minTrain) {
    int holdout = Math.max(3 * horizon, HOLDOUT_SEASONS * season);
    holdout = Math.min(holdout, n / 2);
    int stride = stride(horizon, holdout);
    if (holdout < horizon + stride || n - holdout < minTrain) {
      return -1;
    }
    return n - holdout;
  }

  /** An eighth of the horizon, widened so that there are at most 96 origins. */
  static int stride(int horizon, int holdout) {
    int stride = Math.max(1, horizon / 8);
    int span = holdout - horizon;
    return Math.max(stride, (span + 95) / 96);
  }

  /** Runs every candidate that has enough training data; failures become notes, never exceptions. */
  public static Backtest run(Prepared data, List<ForecastModel> candidates, Seasonality seasonality,
      int horizon, int holdoutStart) {
    double[] y = data.y();
    int n = y.length;
    int stride = stride(horizon, n - holdoutStart);
    int count = (n - horizon - holdoutStart) / stride + 1;
    int[] origins = new int[count];
    for (int i = 0; i < count; i++) {
      origins[i] = holdoutStart + i * stride;
    }
    Backtest backtest = new Backtest(y, data.observed(), horizon, holdoutStart, origins,
        mase(y, data.observed(), holdoutStart, seasonality.primary()));
    double[] train = java.util.Arrays.copyOf(y, holdoutStart);
    for (ForecastModel model : candidates) {
      if (holdoutStart < model.minHistory(seasonality)) {
        continue;
      }
      try {
        backtest.runs.add(backtest.walk(model, model.fit(train, seasonality)));
      } catch (RuntimeException e) {
        backtest.notes.add(model.name() + " failed to fit and was skipped: " + e.getMessage());
      }
    }
    return backtest;
  }

  private Run walk(ForecastModel model, Fitted fitted) {
    double[][] forecasts = new double[origins.length][];
    int next = 0;
    for (int t = holdoutStart; t < y.length; t++) {
      if (next < origins.length && origins[next] == t) {
        forecasts[next++] = fitted.forecast(horizon);
      }
      fitted.update(y[t]);
    }
    return new Run(model, fitted, forecasts);
  }

  /**
   * MASE's denominator: the in-sample mean absolute seasonal difference of the training part, over
   * observed pairs (the last-value difference without seasonality; 1 for a flat series).
   */
  static double mase(double[] y, boolean[] observed, int end, int m) {
    double sum = 0;
    int count = 0;
    for (int t = m; t < end; t++) {
      if (observed[t] && observed[t - m]) {
        sum += Math.abs(y[t] - y[t - m]);
        count++;
      }
    }
    double scale = count == 0 ? 0 : sum / count;
    if (scale > 0) {
      return scale;
    }
    return m > 1 ? mase(y, observed, end, 1) : 1;
  }

  public List<Run> runs() {
    return runs;
  }

  public List<String> notes() {
    return notes;
  }

  public int[] origins() {
    return origins;
  }

  public int horizon() {
    return horizon;
  }

  /** The denominator of MASE for this series. */
  public double scale() {
    return scale;
  }

  /** The actual value {@code h} steps after origin {@code o} (h from 0). */
  public double actual(int o, int h) {
    return y[origins[o] + h];
  }

  /** Whether that value was observed (imputed values are never scored). */
  public boolean observed(int o, int h) {
    return observed[origins[o] + h];
  }
}
