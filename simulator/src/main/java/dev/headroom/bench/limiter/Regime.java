package dev.headroom.bench.limiter;

import java.time.Duration;
import java.util.Locale;

/**
 * The limit every contender is configured with, the same for all: a refill {@code rate} in tokens
 * per second and a {@code burst} of one second's worth of tokens (Guava's {@code RateLimiter.create}
 * fixes its burst at one second of rate, so the others follow it).
 */
public enum Regime {

  /**
   * Almost every call admitted: measures the cost of the admitting path (the CAS, the state
   * update). 10^9 per second is the fastest rate Headroom accepts (one token per nanosecond).
   */
  ALLOW(1_000_000_000L),

  /**
   * Almost every call denied: 1 per second (burst 1) against millions of calls, on one key and on
   * each of 100,000 keys. Shows that no figure depends on a regime picked to suit one library.
   */
  LIMIT(1L);

  private final long perSecond;

  Regime(long perSecond) {
    this.perSecond = perSecond;
  }

  /** Tokens refilled per second. */
  public long perSecond() {
    return perSecond;
  }

  /** Tokens held at most: one second's worth. */
  public long burst() {
    return perSecond;
  }

  public Duration period() {
    return Duration.ofSeconds(1);
  }

  /** The name as JMH's {@code @Param} and the report spell it. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Regime of(String id) {
    return valueOf(id.toUpperCase(Locale.ROOT));
  }
}
