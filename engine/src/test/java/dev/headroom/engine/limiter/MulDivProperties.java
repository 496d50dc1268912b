package dev.headroom.engine.limiter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.math.RoundingMode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link Refill#mulDivFloor} against BigInteger arithmetic: the same floor for every input whose
 * quotient fits in a long, an ArithmeticException for every other, over random values that reach the
 * 128-bit product, the extremes of a long, and quotients near the edge of the range.
 */
class MulDivProperties {

  private static final BigInteger MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);

  private static BigInteger floor(long a, long b, long c) {
    return new java.math.BigDecimal(BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)))
        .divide(new java.math.BigDecimal(c), 0, RoundingMode.FLOOR).toBigIntegerExact();
  }

  private static void check(long a, long b, long c) {
    BigInteger expected = floor(a, b, c);
    if (expected.compareTo(MIN) < 0 || expected.compareTo(MAX) > 0) {
      assertThrows(ArithmeticException.class, () -> Refill.mulDivFloor(a, b, c),
          "floor(" + a + " x " + b + " / " + c + ") = " + expected + " does not fit");
    } else {
      assertEquals(expected.longValueExact(), Refill.mulDivFloor(a, b, c),
          "floor(" + a + " x " + b + " / " + c + ")");
    }
  }

  /** Any long, with jqwik's edge cases (0, +-1, MIN, MAX) and values near the extremes. */
  @Provide
  Arbitrary<Long> factors() {
    return Arbitraries.oneOf(
        Arbitraries.longs(),
        Arbitraries.longs().between(-1_000, 1_000),
        Arbitraries.longs().between(Long.MAX_VALUE - 1_000, Long.MAX_VALUE),
        Arbitraries.longs().between(Long.MIN_VALUE, Long.MIN_VALUE + 1_000),
        Arbitraries.integers().between(0, 62).map(k -> 1L << k),
        Arbitraries.integers().between(0, 62).map(k -> -(1L << k)));
  }

  @Provide
  Arbitrary<Long> divisors() {
    return Arbitraries.oneOf(
        Arbitraries.longs().between(1, Long.MAX_VALUE),
        Arbitraries.longs().between(1, 1_000),
        Arbitraries.longs().between(Long.MAX_VALUE - 1_000, Long.MAX_VALUE),
        Arbitraries.integers().between(0, 62).map(k -> 1L << k),
        Arbitraries.integers().between(1, 62).map(k -> (1L << k) - 1),
        Arbitraries.integers().between(1, 62).map(k -> (1L << k) + 1));
  }

  @Property(tries = 20_000)
  void agreesWithBigInteger(@ForAll("factors") long a, @ForAll("factors") long b, @ForAll("divisors") long c) {
    check(a, b, c);
  }

  /**
   * Quotients within a few units of the edges of a long, where the overflow checks and the floor of
   * negative quotients decide: c is chosen so that a x b / c lands near 2^63 or -2^63.
   */
  @Property(tries = 5_000)
  void agreesNearTheEdgesOfTheRange(@ForAll("factors") long a, @ForAll("factors") long b,
      @ForAll("offsets") long offset) {
    BigInteger product = BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)).abs();
    BigInteger c = product.shiftRight(63).add(BigInteger.valueOf(offset));
    if (c.signum() > 0 && c.bitLength() < 64) {
      check(a, b, c.longValueExact());
    }
  }

  @Provide
  Arbitrary<Long> offsets() {
    return Arbitraries.longs().between(-3, 3);
  }

  @Example
  void edgeCasesOfTheWidePath() {
    check(Long.MIN_VALUE, 2, 2);             // -2^64 / 2 = Long.MIN_VALUE exactly
    check(Long.MIN_VALUE, 2, 1);             // -2^64: does not fit
    check(Long.MIN_VALUE, Long.MIN_VALUE, Long.MAX_VALUE); // 2^126 / (2^63 - 1): does not fit
    check(Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE); // MAX
    check(Long.MIN_VALUE, Long.MAX_VALUE, Long.MAX_VALUE); // MIN
    check(Long.MAX_VALUE, -Long.MAX_VALUE, Long.MAX_VALUE - 1); // just below MIN: does not fit
    check(-3, Long.MAX_VALUE, 3);            // wide negative, exact
    check(-3, Long.MAX_VALUE, 2);            // wide negative, floor below
    check(1L << 62, 1L << 62, (1L << 61) + 1); // quotient just below 2^63
  }

  @Example
  void rejectsADivisorThatIsNotPositive() {
    assertThrows(IllegalArgumentException.class, () -> Refill.mulDivFloor(1, 1, 0));
    assertThrows(IllegalArgumentException.class, () -> Refill.mulDivFloor(1, 1, -5));
  }
}
