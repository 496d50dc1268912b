package dev.headroom.engine.policy;

import dev.headroom.forecaster.Forecast;
import java.util.Arrays;

/**
 * A forecast as a policy sees it: demand per step (requests per step, not per second) from
 * {@code startMillis}, plus when it was made so a policy can tell a stale one.
 *
 * <p>Decoupled from the forecaster's {@link Forecast} so a policy can be fed a hand-built forecast
 * (tests, the simulator's oracle) as easily as a fitted one. The arrays are copied in and out: a
 * view is immutable.
 *
 * @param madeAtMillis when the forecast was made (fitted or last updated), epoch milliseconds
 * @param startMillis  start of step 0, epoch milliseconds
 * @param stepMillis   length of one step
 * @param model        the model's name, e.g. {@code holt-winters} or {@code fallback-none}
 * @param fallback     true when the forecaster itself fell back (too little or no usable history)
 */
public record ForecastView(long madeAtMillis, long startMillis, long stepMillis, double[] mean,
    double[] p50, double[] p90, double[] p99, String model, boolean fallback) {

  public ForecastView {
    if (stepMillis <= 0) {
      throw new IllegalArgumentException("forecast view: step must be positive, got " + stepMillis + " ms");
    }
    int n = mean.length;
    if (p50.length != n || p90.length != n || p99.length != n) {
      throw new IllegalArgumentException("forecast view: mean, p50, p90 and p99 must have the same length, got "
          + n + ", " + p50.length + ", " + p90.length + ", " + p99.length);
    }
    mean = mean.clone();
    p50 = p50.clone();
    p90 = p90.clone();
    p99 = p99.clone();
    model = model == null ? "unknown" : model;
  }

  /** A view of a fitted forecast; the forecaster marks its fallbacks by a model name {@code fallback...}. */
  public static ForecastView of(Forecast f, long madeAtMillis) {
    return new ForecastView(madeAtMillis, f.startMillis(), f.stepMillis(), f.mean(), f.p50(), f.p90(),
        f.p99(), f.model(), f.model().startsWith("fallback"));
  }

  /** A view whose every line is {@code demand}: for tests and oracles that know the future exactly. */
  public static ForecastView exact(long madeAtMillis, long startMillis, long stepMillis, double[] demand,
      String model) {
    return new ForecastView(madeAtMillis, startMillis, stepMillis, demand, demand, demand, demand, model, false);
  }

  /**
   * This forecast times {@code share}, cut to the steps that overlap [{@code fromMillis},
   * {@code untilMillis}): a small key's part of its limit's total forecast (a hierarchical
   * forecast). Cut, because a tail key needs only the window its policy reads, and a hundred
   * thousand of them each holding the whole horizon would not be cheap.
   */
  public ForecastView share(double share, long fromMillis, long untilMillis) {
    if (!(share >= 0) || Double.isInfinite(share)) {
      throw new IllegalArgumentException("forecast view: share must be finite and not negative, got " + share);
    }
    int first = (int) Math.clamp(Math.floorDiv(fromMillis - startMillis, stepMillis), 0, mean.length);
    int end = (int) Math.clamp(Math.floorDiv(untilMillis - startMillis + stepMillis - 1, stepMillis), first,
        mean.length);
    return new ForecastView(madeAtMillis, startMillis + first * stepMillis, stepMillis,
        scaled(mean, first, end, share), scaled(p50, first, end, share), scaled(p90, first, end, share),
        scaled(p99, first, end, share), model + " (share " + String.format(java.util.Locale.ROOT, "%.4f", share)
        + " of total)", fallback);
  }

  private static double[] scaled(double[] line, int from, int to, double factor) {
    double[] out = new double[to - from];
    for (int i = 0; i < out.length; i++) {
      out[i] = line[from + i] * factor;
    }
    return out;
  }

  public int horizon() {
    return mean.length;
  }

  /** End of the last step: the forecast says nothing about later times. */
  public long endMillis() {
    return startMillis + stepMillis * mean.length;
  }

  @Override
  public double[] mean() {
    return mean.clone();
  }

  @Override
  public double[] p50() {
    return p50.clone();
  }

  @Override
  public double[] p90() {
    return p90.clone();
  }

  @Override
  public double[] p99() {
    return p99.clone();
  }

  /**
   * The highest demand of {@code line}, in requests per second, over the steps that overlap
   * [{@code fromMillis}, {@code toMillis}). The peak rather than the average, because a rate that
   * only covers the average rejects the busiest part of the window. NaN when no step overlaps or an
   * overlapping value is NaN, so the caller's guard sees it.
   */
  public double peakPerSecond(Quantile line, long fromMillis, long toMillis) {
    double[] values = line.of(this);
    double peak = Double.NaN;
    boolean any = false;
    for (int i = 0; i < values.length; i++) {
      long stepStart = startMillis + stepMillis * i;
      if (stepStart < toMillis && stepStart + stepMillis > fromMillis) {
        double v = values[i];
        peak = any ? Math.max(peak, v) : v; // Math.max keeps a NaN: a hole is not "no demand"
        any = true;
      }
    }
    return any ? peak * 1000.0 / stepMillis : Double.NaN;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ForecastView v && madeAtMillis == v.madeAtMillis && startMillis == v.startMillis
        && stepMillis == v.stepMillis && fallback == v.fallback && model.equals(v.model)
        && Arrays.equals(mean, v.mean) && Arrays.equals(p50, v.p50) && Arrays.equals(p90, v.p90)
        && Arrays.equals(p99, v.p99);
  }

  @Override
  public int hashCode() {
    return 31 * Long.hashCode(startMillis) + Arrays.hashCode(mean);
  }

  @Override
  public String toString() {
    return "ForecastView[" + model + (fallback ? " (fallback)" : "") + ", made " + madeAtMillis + ", "
        + mean.length + " x " + stepMillis + " ms from " + startMillis + "]";
  }
}
