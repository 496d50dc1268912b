package dev.headroom.engine.policy;

/**
 * What a policy sees at one tick.
 *
 * @param nowMillis   tick time, epoch milliseconds (the injected clock's, never the system's)
 * @param staticRate  the configured rate (tokens/s): what every guard rail falls back to
 * @param currentRate the rate in force now (tokens/s); may differ from {@code previous} after an
 *                    admin override, a reload or a fair-share cap
 * @param last        the last interval's telemetry; {@link Interval#EMPTY} when there is none
 * @param forecast    the key's demand forecast; null when there is none
 * @param previous    this policy's own decision at the last tick; null on the first tick or after
 *                    a reset (reload, resume). Policies with memory (the reactive ceiling, a shadow
 *                    candidate) read it from here instead of holding mutable state.
 */
public record PolicyInput(
    long nowMillis, double staticRate, double currentRate, Interval last, ForecastView forecast,
    RateDecision previous) {

  public PolicyInput {
    requireRate("staticRate", staticRate);
    requireRate("currentRate", currentRate);
    if (last == null) {
      throw new IllegalArgumentException("policy input: last interval is required (use Interval.EMPTY)");
    }
  }

  /** An input without a previous decision: the first tick. */
  public PolicyInput(long nowMillis, double staticRate, double currentRate, Interval last,
      ForecastView forecast) {
    this(nowMillis, staticRate, currentRate, last, forecast, null);
  }

  /** The same input as a composite hands it to one of its parts. */
  public PolicyInput forPart(double currentRate, RateDecision previous) {
    return new PolicyInput(nowMillis, staticRate, currentRate, last, forecast, previous);
  }

  private static void requireRate(String field, double value) {
    if (!Double.isFinite(value) || value < 0) {
      throw new IllegalArgumentException("policy input: " + field
          + " must be finite and not negative, got " + value);
    }
  }
}
