package dev.headroom.engine.policy;

/**
 * Moves the rate ahead of forecast demand.
 *
 * <p>At tick {@code t} the rate is set from the peak of the configured quantile over
 * [{@code t}, {@code t + interval + lead}). The decided rate stays in force for {@code interval},
 * so the window must cover at least that; stretching it by {@code lead} brings a ramp predicted at
 * time {@code T} into the window as soon as {@code t > T - interval - lead}, so the rate starts
 * rising no later than {@code T - lead}. A fall in demand only leaves the window once it has
 * happened, so the rate comes down after demand does: asymmetric on purpose, since rejecting real
 * traffic costs more than briefly over-admitting.
 *
 * <p>The target is that peak times {@code headroom}, moved from the current rate by at most the
 * step limit and clamped to [min, max] ({@link RateBounds}): a forecast that jumps does not jerk the
 * rate. Guard rails ({@link ForecastGuard}): a missing, stale or fallback forecast, or one with no
 * usable value for the window, gives the static rate with {@code fallback = true} and the reason.
 */
public final class PredictivePolicy implements RatePolicy {

  private final PredictiveConfig config;
  private final long windowMillis;

  public PredictivePolicy(PredictiveConfig config) {
    this.config = config;
    this.windowMillis = config.interval().toMillis() + config.lead().toMillis();
  }

  public PredictiveConfig config() {
    return config;
  }

  @Override
  public String name() {
    return "predictive";
  }

  @Override
  public RateDecision decide(PolicyInput in) {
    long now = in.nowMillis();
    ForecastView f = in.forecast();
    String problem = ForecastGuard.problem(f, now, config.maxAge().toMillis());
    if (problem != null) {
      return fallback(in, problem);
    }
    double peak = f.peakPerSecond(config.quantile(), now, now + windowMillis);
    problem = ForecastGuard.badDemand(peak);
    if (problem != null) {
      return fallback(in, problem);
    }
    double target = peak * config.headroom();
    RateBounds bounds = config.bounds();
    double rate = bounds.step(in.currentRate(), target);
    return new RateDecision(rate, "predictive: " + config.quantile() + " peak " + Format.rate(peak)
        + " over next " + Format.duration(windowMillis) + " x" + Format.number(config.headroom()) + " = "
        + Format.rate(target) + limitedBy(target, rate, bounds), false);
  }

  private static String limitedBy(double target, double rate, RateBounds bounds) {
    if (rate == target) {
      return "";
    }
    if (rate == bounds.min() || rate == bounds.max()) {
      return ", clamped to " + Format.rate(rate);
    }
    return ", max change per step gives " + Format.rate(rate);
  }

  private static RateDecision fallback(PolicyInput in, String problem) {
    return new RateDecision(in.staticRate(), "predictive fell back to the static rate: " + problem, true);
  }
}
