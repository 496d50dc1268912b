package dev.headroom.simulator.event;

/** ln(k!) for Poisson draws: a table for small k, Stirling's series (error below 1e-10) above. */
final class LogFactorial {

  private static final int TABLE = 256;
  private static final double[] SMALL = new double[TABLE];
  private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

  static {
    double sum = 0;
    for (int k = 1; k < TABLE; k++) {
      sum += Math.log(k);
      SMALL[k] = sum;
    }
  }

  private LogFactorial() {}

  static double of(long k) {
    if (k < 0) {
      throw new IllegalArgumentException("log factorial of a negative number: " + k);
    }
    if (k < TABLE) {
      return SMALL[(int) k];
    }
    double n = k + 1.0;
    double inv = 1 / n;
    double inv2 = inv * inv;
    // ln Gamma(n) = (n - 1/2) ln n - n + ln(2 pi)/2 + 1/(12n) - 1/(360n^3) + 1/(1260n^5)
    return (n - 0.5) * Math.log(n) - n + HALF_LOG_TWO_PI
        + inv * (1.0 / 12 - inv2 * (1.0 / 360 - inv2 / 1260));
  }
}
