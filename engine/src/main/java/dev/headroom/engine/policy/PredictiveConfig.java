package dev.headroom.engine.policy;

import java.time.Duration;

/**
 * Parameters of a {@link PredictivePolicy}.
 *
 * @param quantile which forecast line sets the rate; an upper quantile (p90, p99) so the rate
 *                 covers the likely peak, not the average
 * @param lead     how long before a predicted ramp the rate starts to rise: at least the time a
 *                 rise takes to matter (the refresh interval plus the step limit's climb)
 * @param interval the refresh interval: how long the decided rate stays in force
 * @param headroom factor over the forecast, at least 1: spare for forecast error and bursts
 * @param bounds   floor, ceiling and the maximum change per step
 * @param maxAge   a forecast made longer ago than this is stale and not used
 */
public record PredictiveConfig(Quantile quantile, Duration lead, Duration interval, double headroom,
    RateBounds bounds, Duration maxAge) {

  public PredictiveConfig {
    if (quantile == null || bounds == null) {
      throw new IllegalArgumentException("predictive: quantile and bounds are required");
    }
    if (lead == null || lead.isNegative()) {
      throw new IllegalArgumentException("predictive: lead must not be negative, got " + lead);
    }
    if (interval == null || interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("predictive: interval must be positive, got " + interval);
    }
    if (maxAge == null || maxAge.isNegative() || maxAge.isZero()) {
      throw new IllegalArgumentException("predictive: maxAge must be positive, got " + maxAge);
    }
    if (!(headroom >= 1) || !Double.isFinite(headroom)) {
      throw new IllegalArgumentException("predictive: headroom is a factor of at least 1, got " + headroom);
    }
  }

  /** p90, 5 minutes' lead, 1 minute refresh, 20% headroom, stale after 5 minutes. */
  public static PredictiveConfig defaults(RateBounds bounds) {
    return new PredictiveConfig(Quantile.P90, Duration.ofMinutes(5), Duration.ofMinutes(1), 1.2, bounds,
        Duration.ofMinutes(5));
  }
}
