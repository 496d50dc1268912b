package dev.headroom.forecaster.model;

/**
 * The baseline every other model must beat: the value one season ago. With no seasonality it is the
 * last value (a random walk). Fitting is copying the last season; an update is one array write.
 */
public final class SeasonalNaive implements ForecastModel {

  @Override
  public String name() {
    return "seasonal-naive";
  }

  @Override
  public int minHistory(Seasonality seasonality) {
    return seasonality.primary();
  }

  @Override
  public Fitted fit(double[] y, Seasonality seasonality) {
    int m = seasonality.primary();
    if (y.length < m) {
      throw new IllegalArgumentException("seasonal naive needs one season of " + m + " points, got " + y.length);
    }
    double[] ring = new double[m];
    System.arraycopy(y, y.length - m, ring, 0, m);
    return new State(ring);
  }

  /** The last season in a ring; {@code next} is the slot of the oldest value, the next step's forecast. */
  private static final class State implements Fitted {
    private final double[] ring;
    private int next;

    State(double[] ring) {
      this.ring = ring;
    }

    @Override
    public double[] forecast(int horizon) {
      int m = ring.length;
      double[] out = new double[horizon];
      for (int h = 0; h < horizon; h++) {
        out[h] = ring[(next + h) % m];
      }
      return out;
    }

    @Override
    public void update(double y) {
      ring[next] = y;
      next = next + 1 == ring.length ? 0 : next + 1;
    }
  }
}
