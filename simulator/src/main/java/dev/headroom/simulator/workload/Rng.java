package dev.headroom.simulator.workload;

/**
 * SplitMix64 with the few distributions a workload needs. Written out rather than taken from
 * {@code java.util.random}, whose algorithms the JDK does not promise to keep, and computed with
 * {@link StrictMath}, so that a seed gives the same arrivals and the same generated trace files on
 * every JVM and machine, byte for byte.
 */
final class Rng {

  private static final long GOLDEN = 0x9e3779b97f4a7c15L;
  /** ln k! for k below 10; Stirling's series above is accurate to ~1e-12 there. */
  private static final double[] LOG_FACTORIAL = new double[10];

  static {
    for (int k = 1; k < LOG_FACTORIAL.length; k++) {
      LOG_FACTORIAL[k] = LOG_FACTORIAL[k - 1] + StrictMath.log(k);
    }
  }

  private long state;
  private double spareGaussian = Double.NaN;

  Rng(long seed) {
    this.state = seed;
  }

  /** An independent seed for part {@code salt} of whatever {@code seed} drives. */
  static long derive(long seed, long salt) {
    return mix(mix(seed) + GOLDEN * (salt + 1));
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  long nextLong() {
    state += GOLDEN;
    return mix(state);
  }

  /** Uniform in [0, 1). */
  double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /** Uniform in (0, 1]: safe under a logarithm. */
  double nextOpenDouble() {
    return ((nextLong() >>> 11) + 1) * 0x1.0p-53;
  }

  /** Exponential with mean 1. */
  double exponential() {
    return -StrictMath.log(nextOpenDouble());
  }

  /** Standard normal (Marsaglia's polar method, which keeps the pair's second value). */
  double gaussian() {
    if (!Double.isNaN(spareGaussian)) {
      double g = spareGaussian;
      spareGaussian = Double.NaN;
      return g;
    }
    double u;
    double v;
    double s;
    do {
      u = 2 * nextDouble() - 1;
      v = 2 * nextDouble() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s == 0);
    double m = StrictMath.sqrt(-2 * StrictMath.log(s) / s);
    spareGaussian = v * m;
    return u * m;
  }

  /**
   * {@code x} rounded to a neighbouring integer with the probability that keeps its mean: 2.3 is 3
   * three times in ten. Draws nothing for a whole number, so integer traces use no randomness.
   */
  long roundStochastic(double x) {
    double floor = Math.floor(x);
    double frac = x - floor;
    return (long) floor + (frac > 0 && nextDouble() < frac ? 1 : 0);
  }

  /**
   * Poisson with the given mean: multiplication of uniforms below 10, else Hörmann's transformed
   * rejection (PTRS, 1993), whose cost does not grow with the mean.
   */
  long poisson(double mean) {
    if (!(mean >= 0) || Double.isInfinite(mean)) {
      throw new IllegalArgumentException("Poisson mean must be finite and >= 0, got " + mean);
    }
    if (mean == 0) {
      return 0;
    }
    if (mean < 10) {
      double limit = StrictMath.exp(-mean);
      double p = nextDouble();
      long k = 0;
      while (p > limit) {
        p *= nextDouble();
        k++;
      }
      return k;
    }
    double sqrtMean = StrictMath.sqrt(mean);
    double logMean = StrictMath.log(mean);
    double b = 0.931 + 2.53 * sqrtMean;
    double a = -0.059 + 0.02483 * b;
    double invAlpha = 1.1239 + 1.1328 / (b - 3.4);
    double vr = 0.9277 - 3.6224 / (b - 2);
    while (true) {
      double u = nextDouble() - 0.5;
      double v = nextDouble();
      double us = 0.5 - Math.abs(u);
      long k = (long) Math.floor((2 * a / us + b) * u + mean + 0.43);
      if (us >= 0.07 && v <= vr) {
        return k;
      }
      if (k < 0 || (us < 0.013 && v > us)) {
        continue;
      }
      double lhs = StrictMath.log(v) + StrictMath.log(invAlpha) - StrictMath.log(a / (us * us) + b);
      if (lhs <= -mean + k * logMean - logFactorial(k)) {
        return k;
      }
    }
  }

  /** ln k!, exact below 10, Stirling's series with three corrections above. */
  static double logFactorial(long k) {
    if (k < LOG_FACTORIAL.length) {
      return LOG_FACTORIAL[(int) k];
    }
    double x = k;
    double inv = 1 / x;
    double inv2 = inv * inv;
    return x * StrictMath.log(x) - x + 0.5 * StrictMath.log(2 * Math.PI * x)
        + inv * (1.0 / 12 - inv2 * (1.0 / 360 - inv2 / 1260));
  }
}
