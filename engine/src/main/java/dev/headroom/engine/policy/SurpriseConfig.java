package dev.headroom.engine.policy;

/**
 * Settings of surprise-first shedding for one limit.
 *
 * @param stance             what happens to traffic above the forecast while the backend has room
 * @param band               the forecast line a key's demand is expected to stay under (P99 by
 *                           default: only traffic beyond the band's top counts as surprising)
 * @param headroom           factor on the band (1.2: 20% above it is still expected)
 * @param latencyTargetMs    pressure when the latest interval's p99 latency is above this; NaN for
 *                           no latency signal
 * @param maxErrorRatio      pressure when more than this share of admitted requests failed (5xx);
 *                           +Infinity for no error signal
 * @param pressureHoldMillis pressure stays on this long after its last signal, so that shedding
 *                           does not flap off the moment it has worked
 */
public record SurpriseConfig(Stance stance, Quantile band, double headroom, double latencyTargetMs,
    double maxErrorRatio, long pressureHoldMillis) {

  public SurpriseConfig {
    if (stance == null || band == null) {
      throw new IllegalArgumentException("surprise: stance and band are required");
    }
    if (!(headroom >= 1) || Double.isInfinite(headroom)) {
      throw new IllegalArgumentException("surprise: headroom must be a finite factor of at least 1, got " + headroom);
    }
    if (latencyTargetMs <= 0) {
      throw new IllegalArgumentException("surprise: latency target must be positive (or NaN for none), got "
          + latencyTargetMs);
    }
    if (Double.isNaN(maxErrorRatio) || maxErrorRatio < 0) {
      throw new IllegalArgumentException("surprise: max error ratio must not be negative, got " + maxErrorRatio);
    }
    if (pressureHoldMillis < 0) {
      throw new IllegalArgumentException("surprise: pressure hold must not be negative, got " + pressureHoldMillis);
    }
  }

  /**
   * {@code stance} with the P99 band, 20% headroom, no latency signal, a 5% error ratio and a
   * minute's hold: pressure then comes from errors or from demand over a shared capacity.
   */
  public static SurpriseConfig defaults(Stance stance) {
    return new SurpriseConfig(stance, Quantile.P99, 1.2, Double.NaN, 0.05, 60_000L);
  }

  public SurpriseConfig withLatencyTargetMs(double ms) {
    return new SurpriseConfig(stance, band, headroom, ms, maxErrorRatio, pressureHoldMillis);
  }
}
