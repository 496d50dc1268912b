package dev.headroom.engine.limiter;

/**
 * The answer of every limiter: allowed or not, and the figures a caller needs for
 * {@code RateLimit}, {@code RateLimit-Policy} and {@code Retry-After} headers.
 *
 * @param allowed whether the request was admitted (and its cost consumed)
 * @param limit the most the limiter admits at once (burst, quota per window, concurrency limit)
 * @param remaining how much more cost would be admitted right now, after this request
 * @param resetNanos time until the limiter is back to its full limit if nothing else arrives
 * @param retryAfterNanos when denied, the earliest time after which the same request can succeed;
 *     0 when allowed, or when no time is known (a concurrency limit frees up on release)
 * @param delayNanos when allowed by a shaping limiter (GCRA with a delay), how long the caller should
 *     hold the request before forwarding it; 0 otherwise
 */
public record Decision(
    boolean allowed, long limit, long remaining, long resetNanos, long retryAfterNanos, long delayNanos) {

  public Decision {
    if (limit < 0 || remaining < 0 || resetNanos < 0 || retryAfterNanos < 0 || delayNanos < 0) {
      throw new IllegalArgumentException("decision figures are never negative: " + describe(
          allowed, limit, remaining, resetNanos, retryAfterNanos, delayNanos));
    }
  }

  static Decision allowed(long limit, long remaining, long resetNanos) {
    return new Decision(true, limit, remaining, resetNanos, 0, 0);
  }

  static Decision denied(long limit, long remaining, long resetNanos, long retryAfterNanos) {
    return new Decision(false, limit, remaining, resetNanos, retryAfterNanos, 0);
  }

  /** Time to reset in whole milliseconds, rounded up so a client never comes back too early. */
  public long resetMillis() {
    return ceilDiv(resetNanos, 1_000_000L);
  }

  /** Retry-after in whole milliseconds, rounded up. */
  public long retryAfterMillis() {
    return ceilDiv(retryAfterNanos, 1_000_000L);
  }

  /** Retry-after in whole seconds for the HTTP {@code Retry-After} header: rounded up, at least 1 when denied. */
  public long retryAfterSeconds() {
    long seconds = ceilDiv(retryAfterNanos, 1_000_000_000L);
    return allowed ? seconds : Math.max(1, seconds);
  }

  private static long ceilDiv(long value, long divisor) {
    return Math.ceilDiv(value, divisor);
  }

  @Override
  public String toString() {
    return describe(allowed, limit, remaining, resetNanos, retryAfterNanos, delayNanos);
  }

  private static String describe(
      boolean allowed, long limit, long remaining, long reset, long retry, long delay) {
    return (allowed ? "allowed" : "denied") + "{limit=" + limit + ", remaining=" + remaining
        + ", resetNanos=" + reset + ", retryAfterNanos=" + retry + ", delayNanos=" + delay + "}";
  }
}
