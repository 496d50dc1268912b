package dev.headroom.simulator.model;

/**
 * How a client retries a rejected request. The delay before retry {@code n} (1-based) is drawn
 * uniformly from [0, min(maxDelay, baseDelay * multiplier^(n-1))] ("full jitter", which spreads a
 * crowd of retries evenly instead of letting them return in lockstep), or is exactly that ceiling
 * when jitter is off. A Retry-After from the server is a floor under the delay.
 *
 * @param maxAttempts attempts in all, the first included; after that many rejections the client gives up
 */
public record RetryPolicy(int maxAttempts, long baseDelayNanos, long maxDelayNanos, double multiplier, boolean jitter) {

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("retry policy: max attempts must be >= 1, got " + maxAttempts);
    }
    if (baseDelayNanos < 0 || maxDelayNanos < baseDelayNanos) {
      throw new IllegalArgumentException("retry policy: need 0 <= base delay <= max delay, got base "
          + baseDelayNanos + " ns, max " + maxDelayNanos + " ns");
    }
    if (!(multiplier >= 1) || Double.isInfinite(multiplier)) {
      throw new IllegalArgumentException("retry policy: multiplier must be finite and >= 1, got " + multiplier);
    }
  }

  /** Retries at once, up to {@code maxAttempts} in all: the naive client that makes retry storms. */
  public static RetryPolicy immediate(int maxAttempts) {
    return new RetryPolicy(maxAttempts, 0, 0, 1, false);
  }

  /** Exponential backoff with full jitter, doubling from {@code baseDelayNanos} up to {@code maxDelayNanos}. */
  public static RetryPolicy exponentialBackoff(int maxAttempts, long baseDelayNanos, long maxDelayNanos) {
    return new RetryPolicy(maxAttempts, baseDelayNanos, maxDelayNanos, 2, true);
  }

  /** The most a backoff before retry {@code retry} (1-based) may last, before Retry-After. */
  long ceilingNanos(int retry) {
    double ceiling = baseDelayNanos * Math.pow(multiplier, retry - 1);
    return ceiling >= maxDelayNanos ? maxDelayNanos : (long) ceiling;
  }
}
