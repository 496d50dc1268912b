package dev.headroom.engine.limiter;

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

  /**
   * floor(a x b / c) for c > 0, exact even when a x b overflows a long; throws ArithmeticException
   * when the quotient itself does not fit. Every rate change runs this, so the wide case divides the
   * 128-bit product in place ({@link #divideWide}) instead of allocating BigIntegers.
   */
  static long mulDivFloor(long a, long b, long c) {
    if (c <= 0) {
      throw new IllegalArgumentException("mulDivFloor: divisor must be positive, got " + c);
    }
    long hi = Math.multiplyHigh(a, b);
    long lo = a * b;
    if ((hi == 0 && lo >= 0) || (hi == -1 && lo < 0)) {
      return Math.floorDiv(lo, c);
    }
    boolean negative = hi < 0;
    if (negative) {
      // |a x b| as an unsigned 128-bit number: two's complement negation across both halves.
      lo = -lo;
      hi = lo == 0 ? -hi : ~hi;
    }
    // |a x b| <= 2^126, c < 2^63: the quotient fits in 64 unsigned bits only when hi < c.
    if (Long.compareUnsigned(hi, c) >= 0) {
      throw overflow(a, b, c);
    }
    long q = divideWide(hi, lo, c);
    if (!negative) {
      if (q < 0) {
        throw overflow(a, b, c);
      }
      return q;
    }
    // The remainder is below c, so the low 64 bits of |a x b| - q x c are all of it.
    boolean exact = lo - q * c == 0;
    // floor of a negative quotient is -q, one lower when there is a remainder; it fits when q is
    // below 2^63, or exactly 2^63 with no remainder (Long.MIN_VALUE).
    if (q < 0 && (q != Long.MIN_VALUE || !exact)) {
      throw overflow(a, b, c);
    }
    return exact ? -q : -q - 1;
  }

  private static ArithmeticException overflow(long a, long b, long c) {
    return new ArithmeticException("floor(" + a + " x " + b + " / " + c + ") does not fit in a long");
  }

  private static final long DIGIT = 1L << 32;
  private static final long LOW32 = DIGIT - 1;

  /**
   * Unsigned (hi:lo) / d for hi < d (unsigned), so that the quotient fits in 64 bits: Knuth's
   * algorithm D for two 32-bit quotient digits (as in Hacker's Delight, divlu). Normalizing d so its
   * top bit is set makes each estimated digit at most two too large, which the correction loops fix.
   */
  static long divideWide(long hi, long lo, long d) {
    int s = Long.numberOfLeadingZeros(d);
    long v = d << s;
    long vn1 = v >>> 32;
    long vn0 = v & LOW32;
    long un32 = s == 0 ? hi : (hi << s) | (lo >>> (64 - s));
    long un10 = lo << s;
    long un1 = un10 >>> 32;
    long un0 = un10 & LOW32;

    long q1 = Long.divideUnsigned(un32, vn1);
    long rhat = un32 - q1 * vn1;
    while (q1 >= DIGIT || Long.compareUnsigned(q1 * vn0, (rhat << 32) | un1) > 0) {
      q1--;
      rhat += vn1;
      if (rhat >= DIGIT) {
        break;
      }
    }
    long un21 = (un32 << 32) + un1 - q1 * v;

    long q0 = Long.divideUnsigned(un21, vn1);
    rhat = un21 - q0 * vn1;
    while (q0 >= DIGIT || Long.compareUnsigned(q0 * vn0, (rhat << 32) | un0) > 0) {
      q0--;
      rhat += vn1;
      if (rhat >= DIGIT) {
        break;
      }
    }
    return (q1 << 32) | q0;
  }
}
