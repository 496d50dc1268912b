package dev.headroom.engine.policy;

/**
 * One key's side of the policy loop: the rate in force and the policy's last decision, and the tick
 * that turns one into the next. The service and the simulator both drive keys through this class,
 * so they share the exact tick logic; neither has threads or timers here, the caller ticks.
 *
 * <p>It is also the last guard rail: a policy that throws, or answers something unusable, falls back
 * to the static rate with the error as the reason, so no data problem stops the loop for this key
 * or any other.
 *
 * <p>Not thread-safe: one owner ticks a key (as with the forecaster's {@code LiveForecast}).
 */
public final class KeyPolicyState {

  private double rate;
  private RateDecision last;

  /** Starts at {@code initialRate} (normally the static rate) with no previous decision. */
  public KeyPolicyState(double initialRate) {
    if (!Double.isFinite(initialRate) || initialRate < 0) {
      throw new IllegalArgumentException("key policy state: initial rate must be finite and not negative, got "
          + initialRate);
    }
    this.rate = initialRate;
  }

  /** The rate in force, tokens per second. */
  public double rate() {
    return rate;
  }

  /** The last decision, or null before the first tick or after {@link #reset}. */
  public RateDecision lastDecision() {
    return last;
  }

  /** Runs {@code policy} for the tick at {@code nowMillis} and puts its rate in force. */
  public RateDecision tick(RatePolicy policy, long nowMillis, double staticRate, Interval interval,
      ForecastView forecast) {
    RateDecision d;
    try {
      d = policy.decide(new PolicyInput(nowMillis, staticRate, rate, interval, forecast, last));
    } catch (RuntimeException e) {
      d = new RateDecision(staticRate, policy.name() + " failed, static rate: "
          + (e.getMessage() == null ? e.toString() : e.getMessage()), true);
    }
    last = d;
    rate = d.ratePerSecond();
    return d;
  }

  /**
   * Caps the rate in force at {@code ceiling} (a fair share of a capacity group) without touching
   * the policy's memory: next tick the policy decides from its own view again.
   */
  public void cap(double ceiling) {
    if (ceiling < rate) {
      rate = Math.max(0, ceiling);
    }
  }

  /**
   * Puts {@code newRate} in force from outside the policy (an admin override) and keeps the policy's
   * memory; a predictive policy then steps back from this rate within its step limit.
   */
  public void set(double newRate) {
    if (!Double.isFinite(newRate) || newRate < 0) {
      throw new IllegalArgumentException("key policy state: rate must be finite and not negative, got " + newRate);
    }
    rate = newRate;
  }

  /** Forgets the policy's memory (after a reload changed the policy, or a resume): the rate stays. */
  public void reset() {
    last = null;
  }
}
