package dev.headroom.engine.policy;

/**
 * Parameters of a {@link ReactivePolicy}.
 *
 * @param mode            how latency over the target lowers the rate
 * @param targetLatencyMs the upstream p99 latency to stay under; {@link Double#POSITIVE_INFINITY}
 *                        to react to 5xx and 429 only
 * @param backoff         multiplicative decrease on trouble, in (0, 1); e.g. 0.8 drops 20%
 * @param increasePerStep additive increase per tick when all is well, tokens per second
 * @param maxErrorRatio   share of admitted requests answered 5xx above which it counts as trouble,
 *                        in [0, 1): a lone 5xx among thousands is not overload
 * @param utilization     increase only when the offered load reached this share of the rate, in
 *                        [0, 1]: an idle key must not climb to max unopposed, or the first burst
 *                        after a quiet night meets a ceiling that no feedback has tested
 * @param minGradient     the gradient mode's lowest factor per step, in (0, 1]: one slow interval
 *                        cannot cut the rate by more than this
 * @param min             lowest rate, tokens per second
 * @param max             highest rate
 */
public record ReactiveConfig(ReactivePolicy.Mode mode, double targetLatencyMs, double backoff,
    double increasePerStep, double maxErrorRatio, double utilization, double minGradient, double min,
    double max) {

  public ReactiveConfig {
    if (mode == null) {
      throw new IllegalArgumentException("reactive: mode is required (aimd or gradient)");
    }
    check(targetLatencyMs > 0, "targetLatencyMs must be positive", targetLatencyMs);
    check(backoff > 0 && backoff < 1, "backoff must be in (0, 1)", backoff);
    check(increasePerStep > 0 && Double.isFinite(increasePerStep), "increasePerStep must be positive",
        increasePerStep);
    check(maxErrorRatio >= 0 && maxErrorRatio < 1, "maxErrorRatio must be in [0, 1)", maxErrorRatio);
    check(utilization >= 0 && utilization <= 1, "utilization must be in [0, 1]", utilization);
    check(minGradient > 0 && minGradient <= 1, "minGradient must be in (0, 1]", minGradient);
    check(min >= 0 && Double.isFinite(min), "min must be finite and not negative", min);
    check(max >= min && Double.isFinite(max), "max must be finite and at least min " + min, max);
  }

  /**
   * Defaults in the spirit of Netflix concurrency-limits: back off by 10% on trouble, add a small
   * step (1% of max, at least 1/s) otherwise, only while at least half the rate is in use.
   */
  public static ReactiveConfig defaults(ReactivePolicy.Mode mode, double targetLatencyMs, double min,
      double max) {
    return new ReactiveConfig(mode, targetLatencyMs, 0.9, Math.max(1, max / 100), 0.01, 0.5, 0.5, min, max);
  }

  private static void check(boolean ok, String what, double got) {
    if (!ok) {
      throw new IllegalArgumentException("reactive: " + what + ", got " + got);
    }
  }
}
