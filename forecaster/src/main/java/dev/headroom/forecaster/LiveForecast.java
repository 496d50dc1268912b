package dev.headroom.forecaster;

import dev.headroom.forecaster.model.Fitted;
import dev.headroom.forecaster.select.Calibration;
import dev.headroom.forecaster.select.Plan;
import java.util.ArrayList;
import java.util.List;

/**
 * A chosen forecast for one series that stays current: {@link #update} absorbs each new interval
 * in microseconds (the fitted models update their state; parameters, the plan and the calibration
 * stay as selected), and {@link #forecast} gives the next horizon from the latest point. Refit with
 * {@link Forecaster#fit} now and then (every few minutes or hours) to re-select.
 *
 * <p>Not thread-safe: one owner (the policy loop for a key) updates and reads it.
 */
public final class LiveForecast {

  private final Fitted[] fitted; // by run index; null where the plan does not use the run
  private final Plan plan;
  private final Calibration calibration;
  private final int horizon;
  private final long stepMillis;
  private final String model;
  private final Forecast.Backtest backtest;
  private final List<String> notes;
  private long nextMillis;
  private int imputed;

  LiveForecast(Fitted[] fitted, Plan plan, Calibration calibration, int horizon, long nextMillis,
      long stepMillis, String model, Forecast.Backtest backtest, List<String> notes) {
    this.fitted = fitted;
    this.plan = plan;
    this.calibration = calibration;
    this.horizon = horizon;
    this.nextMillis = nextMillis;
    this.stepMillis = stepMillis;
    this.model = model;
    this.backtest = backtest;
    this.notes = new ArrayList<>(notes);
  }

  /** The forecast for the {@link #horizon} steps after the latest point. */
  public Forecast forecast() {
    double[] mean = pointForecast(horizon);
    double[] p50 = new double[horizon];
    double[] p90 = new double[horizon];
    double[] p99 = new double[horizon];
    for (int h = 0; h < horizon; h++) {
      p50[h] = calibration.bound(mean[h], h, 0.5);
      p90[h] = calibration.bound(mean[h], h, 0.9);
      p99[h] = Math.max(p90[h], calibration.bound(mean[h], h, 0.99));
    }
    List<String> all = new ArrayList<>(notes);
    if (imputed > 0) {
      all.add(imputed + " missing interval(s) since the fit filled with the forecast");
    }
    return new Forecast(nextMillis, stepMillis, model, mean, p50, p90, p99, backtest, all);
  }

  private double[] pointForecast(int steps) {
    double[][] perRun = new double[fitted.length][];
    for (int r = 0; r < fitted.length; r++) {
      if (fitted[r] != null) {
        perRun[r] = fitted[r].forecast(steps);
      }
    }
    double[] out = plan.combine(perRun, steps);
    for (int h = 0; h < steps; h++) {
      out[h] = Math.max(0, out[h]);
    }
    return out;
  }

  /**
   * Absorbs the next interval's count. A missing interval (NaN) is filled with the one-step forecast,
   * so a gap in telemetry neither stops the loop nor reads as zero demand.
   */
  public void update(double requests) {
    double y = requests;
    if (Double.isNaN(y) || y < 0) {
      y = pointForecast(1)[0];
      imputed++;
    }
    for (Fitted f : fitted) {
      if (f != null) {
        f.update(y);
      }
    }
    nextMillis += stepMillis;
  }

  /** Start of the next interval, the first one {@link #forecast} covers. */
  public long nextMillis() {
    return nextMillis;
  }

  public int horizon() {
    return horizon;
  }

  public String model() {
    return model;
  }
}
