package dev.headroom.engine.policy;

/**
 * The guard rails between a forecast and a rate: says what is wrong with a forecast, or null when
 * it can be used. A policy that gets a reason falls back to the static rate and reports the reason,
 * because a rate computed from a missing, stale or degenerate forecast is worse than the rate the
 * operator configured: it can be arbitrarily low (rejecting real traffic) or high (no protection).
 */
final class ForecastGuard {

  private ForecastGuard() {}

  /** Why {@code f} must not set the rate at {@code nowMillis}, or null when it may. */
  static String problem(ForecastView f, long nowMillis, long maxAgeMillis) {
    if (f == null) {
      return "no forecast";
    }
    if (f.fallback()) {
      return "forecaster fell back (" + f.model() + ")";
    }
    long age = nowMillis - f.madeAtMillis();
    if (age > maxAgeMillis) {
      return "forecast is stale: made " + Format.duration(age) + " ago, max age " + Format.duration(maxAgeMillis);
    }
    if (f.horizon() == 0 || f.endMillis() <= nowMillis) {
      return "forecast ends before now";
    }
    return null;
  }

  /** Why a demand read from a forecast is unusable, or null. */
  static String badDemand(double perSecond) {
    if (Double.isNaN(perSecond)) {
      return "forecast has no value for the window";
    }
    if (!Double.isFinite(perSecond) || perSecond < 0) {
      return "forecast demand is " + perSecond + "/s";
    }
    return null;
  }
}
