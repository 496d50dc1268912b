package dev.headroom.bench.forecast;

/**
 * What a {@link ForecastMethod} returns for one origin: the point forecast and the P90 and P99
 * upper bounds, one value per step ahead. The P90 bound is the level the method expects the actual
 * value to stay at or below 90% of the time; coverage checks that claim.
 */
public record MethodForecast(double[] mean, double[] p90, double[] p99) {

  public MethodForecast {
    if (mean.length != p90.length || mean.length != p99.length) {
      throw new IllegalArgumentException("mean, P90 and P99 differ in length: "
          + mean.length + ", " + p90.length + ", " + p99.length);
    }
    mean = mean.clone();
    p90 = p90.clone();
    p99 = p99.clone();
  }

  public int length() {
    return mean.length;
  }

  /** The first step whose mean or bound is NaN or infinite, or -1 when all are finite. */
  public int firstNonFinite() {
    for (int i = 0; i < mean.length; i++) {
      if (!Double.isFinite(mean[i]) || !Double.isFinite(p90[i]) || !Double.isFinite(p99[i])) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public double[] mean() {
    return mean.clone();
  }

  @Override
  public double[] p90() {
    return p90.clone();
  }

  @Override
  public double[] p99() {
    return p99.clone();
  }
}
