package dev.headroom.forecaster.model;

import smile.timeseries.AR;

/**
 * Seasonal naive corrected by an autoregression of its own recent errors: an AR(p) (Smile,
 * Yule-Walker) on the seasonal differences {@code d_t = y_t - y_(t-m)}, the SARIMA (p,0,0)(0,1,0)_m
 * model. When today runs 20% above yesterday, the next hours are forecast above yesterday too,
 * decaying back to yesterday's shape as the horizon grows: good at short horizons, never worse
 * than the seasonal naive far out. Without seasonality it is an AR on first differences.
 */
public final class SeasonalAr implements ForecastModel {

  /** Yule-Walker sees only this many recent differences: enough for p coefficients, and cheap. */
  private static final int MAX_FIT_POINTS = 4096;

  private final int order;

  public SeasonalAr(int order) {
    if (order < 1 || order > 16) {
      throw new IllegalArgumentException("AR order must be in [1, 16], got " + order);
    }
    this.order = order;
  }

  @Override
  public String name() {
    return "seasonal-ar" + order;
  }

  @Override
  public int minHistory(Seasonality seasonality) {
    return seasonality.primary() + 8 * order + 8;
  }

  @Override
  public Fitted fit(double[] y, Seasonality seasonality) {
    int m = seasonality.primary();
    int n = y.length;
    if (n < minHistory(seasonality)) {
      throw new IllegalArgumentException(name() + " needs " + minHistory(seasonality) + " points, got " + n);
    }
    int count = Math.min(n - m, MAX_FIT_POINTS);
    double[] d = new double[count];
    for (int i = 0; i < count; i++) {
      int t = n - count + i;
      d[i] = y[t] - y[t - m];
    }
    // Flash crowds and outages make huge differences twice (on the day and a season later): clip
    // them so they do not set the coefficients.
    double[] clipped = Robust.winsorize(d, 5);
    double[] phi;
    double intercept;
    if (Robust.sigma(clipped) == 0 && allEqual(clipped)) {
      phi = new double[order];
      intercept = clipped[0];
    } else {
      AR ar = AR.fit(clipped, order);
      phi = ar.ar();
      intercept = ar.intercept();
    }
    // A history of the last season of y and the last p differences, both as rings.
    double[] season = new double[m];
    System.arraycopy(y, n - m, season, 0, m);
    double[] recent = new double[order];
    for (int i = 0; i < order; i++) {
      recent[i] = d[count - 1 - i];
    }
    return new State(phi, intercept, season, recent, clipRange(clipped));
  }

  private static boolean allEqual(double[] x) {
    for (double v : x) {
      if (v != x[0]) {
        return false;
      }
    }
    return true;
  }

  /** Future differences are clipped to what was seen, so one wild point cannot propagate. */
  private static double clipRange(double[] clipped) {
    double max = 0;
    for (double v : clipped) {
      max = Math.max(max, Math.abs(v));
    }
    return max;
  }

  private static final class State implements Fitted {
    private final double[] phi;
    private final double intercept;
    private final double[] season; // ring: season[next] is y one season before the next step
    private final double[] recent; // recent[0] = newest difference
    private final double clip;
    private int next;

    State(double[] phi, double intercept, double[] season, double[] recent, double clip) {
      this.phi = phi;
      this.intercept = intercept;
      this.season = season;
      this.recent = recent;
      this.clip = clip;
    }

    @Override
    public double[] forecast(int horizon) {
      int m = season.length;
      int p = phi.length;
      double[] lags = recent.clone();
      double[] out = new double[horizon];
      for (int h = 0; h < horizon; h++) {
        double d = intercept;
        for (int i = 0; i < p; i++) {
          d += phi[i] * lags[i];
        }
        d = Math.max(-clip, Math.min(clip, d));
        System.arraycopy(lags, 0, lags, 1, p - 1);
        lags[0] = d;
        double base = h < m ? season[(next + h) % m] : out[h - m];
        out[h] = Math.max(0, base + d);
      }
      return out;
    }

    @Override
    public void update(double y) {
      double d = y - season[next];
      System.arraycopy(recent, 0, recent, 1, recent.length - 1);
      recent[0] = Math.max(-clip, Math.min(clip, d));
      season[next] = y;
      next = next + 1 == season.length ? 0 : next + 1;
    }
  }
}
