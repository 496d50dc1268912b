package dev.headroom.engine.policy;

/**
 * Whether a limit's backend is under pressure, from the reactive signals: latency over the target,
 * errors over their ratio, or demand over a shared capacity. Once signalled, pressure holds for
 * {@link SurpriseConfig#pressureHoldMillis()}: shedding that works removes the signal that started
 * it, and dropping it at once would let the flood straight back in.
 *
 * <p>Pure apart from remembering until when the pressure holds; times come from the caller's clock.
 */
public final class Pressure {

  private long holdUntil = Long.MIN_VALUE;
  private String reason = "";

  /**
   * Updates with one tick's signals and answers whether there is pressure now.
   *
   * @param totalRecent keys' summed demand per second in the last interval
   * @param capacity    shared capacity per second, NaN when there is none
   * @param p99Ms       worst p99 latency of the interval (NaN: not measured)
   * @param errorRatio  failed share of admitted requests
   */
  public boolean update(SurpriseConfig c, long nowMillis, double totalRecent, double capacity, double p99Ms,
      double errorRatio) {
    String signal = null;
    if (Double.isFinite(capacity) && totalRecent > capacity) {
      signal = "demand " + Format.rate(totalRecent) + " over capacity " + Format.rate(capacity);
    } else if (!Double.isNaN(c.latencyTargetMs()) && p99Ms > c.latencyTargetMs()) {
      signal = "p99 latency " + Format.number(p99Ms) + " ms over target " + Format.number(c.latencyTargetMs()) + " ms";
    } else if (errorRatio > c.maxErrorRatio()) {
      signal = "error ratio " + Format.number(errorRatio) + " over " + Format.number(c.maxErrorRatio());
    }
    if (signal != null) {
      holdUntil = nowMillis + c.pressureHoldMillis();
      reason = signal;
      return true;
    }
    return nowMillis < holdUntil;
  }

  /** The last signal that started or renewed the pressure, for the admin API. */
  public String reason() {
    return reason;
  }
}
