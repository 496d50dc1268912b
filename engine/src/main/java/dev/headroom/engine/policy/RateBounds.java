package dev.headroom.engine.policy;

/**
 * The hard limits on a computed rate: a floor and a ceiling, and how far one step may move it.
 *
 * <p>The step limit is a ratio: from rate {@code c} the next rate lies in [{@code c / r}, {@code c * r}].
 * A ratio rather than an absolute step because the same "at most 1.5x per minute" is sensible for a
 * key doing 10 requests per second and one doing 10,000; and because it is symmetric in log space, a
 * rise and the fall back take the same number of steps. The floor must be positive: a ratio can
 * never lift a rate of zero.
 *
 * <p>The bounds win over the step limit: a current rate outside [min, max] (after a reload narrowed
 * them, or an admin override expired) is first brought inside, then stepped. So the result is always
 * within [min, max], and within the step limit of the current rate whenever that was within bounds.
 *
 * @param min              lowest rate, tokens per second, positive
 * @param max              highest rate, at least {@code min}
 * @param maxChangePerStep the ratio {@code r > 1}; {@link Double#POSITIVE_INFINITY} for no limit
 */
public record RateBounds(double min, double max, double maxChangePerStep) {

  public RateBounds {
    if (!(min > 0) || !Double.isFinite(min)) {
      throw new IllegalArgumentException("rate bounds: min must be positive and finite, got " + min);
    }
    if (!(max >= min) || !Double.isFinite(max)) {
      throw new IllegalArgumentException("rate bounds: max must be finite and at least min " + min + ", got " + max);
    }
    if (!(maxChangePerStep > 1)) {
      throw new IllegalArgumentException("rate bounds: maxChangePerStep is a ratio and must be above 1, got "
          + maxChangePerStep);
    }
  }

  public double clamp(double rate) {
    return Math.min(max, Math.max(min, rate));
  }

  /** Moves from {@code current} toward {@code target} as far as the step limit allows, within bounds. */
  public double step(double current, double target) {
    double from = clamp(current);
    double lo = from / maxChangePerStep;
    double hi = from * maxChangePerStep;
    return clamp(Math.min(hi, Math.max(lo, target)));
  }
}
