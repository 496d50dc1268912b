package dev.headroom.forecaster.model;

/**
 * The average of the same phase over the last {@code k} seasons: tomorrow at 14:00 is forecast as
 * the mean of the last k days at 14:00. Averaging k days cuts the seasonal naive's noise by about
 * sqrt(k) while still following a level that moves over days, which is what wins a day ahead on
 * noisy, low-count series. An update is one ring write and one running-sum adjustment.
 */
public final class SeasonalMean implements ForecastModel {

  private final int seasons;

  public SeasonalMean(int seasons) {
    if (seasons < 2 || seasons > 64) {
      throw new IllegalArgumentException("seasons to average must be in [2, 64], got " + seasons);
    }
    this.seasons = seasons;
  }

  @Override
  public String name() {
    return "seasonal-mean" + seasons;
  }

  @Override
  public int minHistory(Seasonality seasonality) {
    return seasons * seasonality.primary();
  }

  @Override
  public Fitted fit(double[] y, Seasonality seasonality) {
    int m = seasonality.primary();
    int span = seasons * m;
    if (m < 2 || y.length < span) {
      throw new IllegalArgumentException(name() + " needs a seasonal period and " + span + " points, got "
          + y.length + " points and period " + m);
    }
    double[] ring = new double[span];
    System.arraycopy(y, y.length - span, ring, 0, span);
    double[] sums = new double[m]; // sums[phase]: sum over the k seasons at that phase
    for (int i = 0; i < span; i++) {
      sums[i % m] += ring[i];
    }
    return new State(ring, sums, m, seasons);
  }

  /**
   * The last k seasons in a ring whose slot {@code next} holds the oldest value; the phase of slot
   * i is {@code i % m}, so the next step's phase is {@code next % m}.
   */
  private static final class State implements Fitted {
    private final double[] ring;
    private final double[] sums;
    private final int m;
    private final int k;
    private int next;

    State(double[] ring, double[] sums, int m, int k) {
      this.ring = ring;
      this.sums = sums;
      this.m = m;
      this.k = k;
    }

    @Override
    public double[] forecast(int horizon) {
      double[] out = new double[horizon];
      for (int h = 0; h < horizon; h++) {
        // Beyond one season ahead the forecast repeats itself: the mean of k seasons does not change.
        out[h] = sums[(next + h) % m] / k;
      }
      return out;
    }

    @Override
    public void update(double y) {
      int phase = next % m;
      sums[phase] += y - ring[next];
      ring[next] = y;
      next = next + 1 == ring.length ? 0 : next + 1;
    }
  }
}
