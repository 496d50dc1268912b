package dev.headroom.engine.limiter;

import java.time.Duration;

/**
 * A refill rate as an exact fraction: {@code tokens} per {@code periodNanos}. "1000 per minute" stays
 * exactly 1000 per 60 s instead of the rounded 16.666... per second a double would give.
 */
public record Rate(long tokens, long periodNanos) {

  private static final long MICRO_TOKENS = 1_000_000L;
  private static final long SECOND = 1_000_000_000L;

  public Rate {
    if (tokens <= 0) {
      throw new IllegalArgumentException("rate: tokens per period must be positive, got " + tokens);
    }
    if (periodNanos <= 0) {
      throw new IllegalArgumentException("rate: period must be positive, got " + periodNanos + " ns");
    }
    long gcd = gcd(tokens, periodNanos);
    tokens /= gcd;
    periodNanos /= gcd;
  }

  public static Rate of(long tokens, Duration period) {
    if (period == null) {
      throw new IllegalArgumentException("rate: period is missing");
    }
    return new Rate(tokens, period.toNanos());
  }

  /** {@code tokensPerSecond} to a millionth of a token per second: fine enough for any forecast. */
  public static Rate perSecond(double tokensPerSecond) {
    if (!Double.isFinite(tokensPerSecond) || tokensPerSecond <= 0) {
      throw new IllegalArgumentException(
          "rate must be a positive, finite number of tokens per second, got " + tokensPerSecond);
    }
    double micro = Math.rint(tokensPerSecond * MICRO_TOKENS);
    if (micro < 1) {
      throw new IllegalArgumentException(
          "rate " + tokensPerSecond + "/s is below one token per million seconds");
    }
    if (micro > Long.MAX_VALUE / 2) {
      throw new IllegalArgumentException("rate " + tokensPerSecond + "/s is too large");
    }
    // tokens per 10^15 ns (a million seconds) keeps six decimals of tokens per second exact.
    return new Rate((long) micro, SECOND * MICRO_TOKENS);
  }

  public static Rate perMinute(long tokens) {
    return new Rate(tokens, 60 * SECOND);
  }

  public double perSecond() {
    return tokens * (double) SECOND / periodNanos;
  }

  private static long gcd(long a, long b) {
    while (b != 0) {
      long t = a % b;
      a = b;
      b = t;
    }
    return a;
  }

  @Override
  public String toString() {
    return perSecond() + "/s";
  }
}
