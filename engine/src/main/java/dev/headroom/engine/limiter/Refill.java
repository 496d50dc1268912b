package dev.headroom.engine.limiter;

import java.math.BigInteger;

/**
 * Fixed-point time arithmetic shared by the refilling limits (token bucket, GCRA).
 *
 * <p>Time is counted in units of 1/16 ns. A rate becomes an emission interval: the units of time that
 * refill one token. Rounding that interval up once, when the rate is set, is the only rounding in the
 * hot path, so a bucket never admits more than its configured rate (it may admit at most one part in
 * {@code 16 x interval-in-ns} less). The interval is kept even because storage reserves the odd bit.
 *
 * <p>States are compared with wrapping subtraction, like {@link System#nanoTime()} values, so the
 * arithmetic is exact for any clock value and any gap up to 2^59 ns (18 years).
 */
final class Refill {

  static final int SHIFT = 4;
  /** Longest time a bucket may take to fill from empty: 2^61 units, about 4.5 years. */
  static final long MAX_SPAN = 1L << 61;
  /** Beyond this, a difference of states can only be a wrapped, very old state. */
  static final long WRAPPED = 1L << 62;

  private Refill() {}

  static long units(long nanos) {
    return nanos << SHIFT;
  }

  /** Units to nanoseconds, rounded up: a caller told to wait never comes back too early. */
  static long toNanosCeil(long units) {
    return units <= 0 ? 0 : (units + (1L << SHIFT) - 1) >>> SHIFT;
  }

  /** The even emission interval, in units, of {@code rate}; rejects rates beyond 1 token per ns. */
  static long interval(Rate rate, String what) {
    if (rate == null) {
      throw new IllegalArgumentException(what + ": rate is missing");
    }
    if (rate.periodNanos() > (Long.MAX_VALUE >> SHIFT)) {
      throw new IllegalArgumentException(what + ": rate period " + rate.periodNanos() + " ns is too long");
    }
    long periodUnits = units(rate.periodNanos());
    if (periodUnits / rate.tokens() < (1L << SHIFT)) {
      throw new IllegalArgumentException(
          what + ": rate " + rate + " is above one token per nanosecond");
    }
    long interval = Math.ceilDiv(periodUnits, rate.tokens());
    return interval + (interval & 1L);
  }

  /** burst x interval, checked against {@link #MAX_SPAN}. */
  static long span(long burst, long interval, String what) {
    long hi = Math.multiplyHigh(burst, interval);
    long span = burst * interval;
    if (hi != 0 || span < 0 || span > MAX_SPAN) {
      throw new IllegalArgumentException(what + ": burst " + burst
          + " takes more than 4.5 years to refill at this rate; lower the burst or raise the rate");
    }
    return span;
  }

  /**
   * The time-worth of tokens available after a change of configuration, by {@code rule}.
   * {@code available} may be negative (a debt when the clock reads earlier than a concurrent
   * consumer's); it is scaled like any other amount. Rounded down to an even number of units, so
   * nothing is invented by rounding.
   */
  static long inherit(Inheritance rule, long available,
      long oldInterval, long oldCapacity, long oldBurst,
      long newInterval, long newCapacity, long newBurst) {
    long result = switch (rule) {
      case PROPORTIONAL -> mulDivFloor(available, newCapacity, oldCapacity);
      case AS_IS -> Math.min(newCapacity, mulDivFloor(available, newInterval, oldInterval));
      case ADDITIVE -> Math.min(newCapacity, mulDivFloor(available, newInterval, oldInterval)
          + Math.max(0, newBurst - oldBurst) * newInterval);
      case RESET -> newCapacity;
    };
    return result & ~1L;
  }

  /** floor(a x b / c) for c > 0, exact even when a x b overflows a long. */
  static long mulDivFloor(long a, long b, long c) {
    long hi = Math.multiplyHigh(a, b);
    long lo = a * b;
    if ((hi == 0 && lo >= 0) || (hi == -1 && lo < 0)) {
      return Math.floorDiv(lo, c);
    }
    BigInteger[] qr = BigInteger.valueOf(a).multiply(BigInteger.valueOf(b))
        .divideAndRemainder(BigInteger.valueOf(c));
    BigInteger q = qr[1].signum() < 0 ? qr[0].subtract(BigInteger.ONE) : qr[0];
    return q.longValueExact();
  }
}
