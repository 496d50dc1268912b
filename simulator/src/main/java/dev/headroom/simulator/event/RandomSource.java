package dev.headroom.simulator.event;

import java.util.SplittableRandom;

/**
 * The random draws models need, from one seeded {@link SplittableRandom}: a run is reproducible from
 * its seed, and {@link #split()} gives each process its own independent stream, so adding draws to
 * one process does not shift the numbers every other process sees.
 *
 * <p>Not thread-safe (one per process, like the simulation itself). No draw allocates.
 */
public final class RandomSource {

  /** Below this mean, Poisson draws multiply uniforms (Knuth); above, transformed rejection. */
  static final double POISSON_INVERSION_LIMIT = 10;
  private static final double NANOS_PER_SECOND = 1e9;

  private final SplittableRandom random;

  public RandomSource(long seed) {
    this(new SplittableRandom(seed));
  }

  private RandomSource(SplittableRandom random) {
    this.random = random;
  }

  /** An independent stream, itself deterministic given this one's seed and the order of splits. */
  public RandomSource split() {
    return new RandomSource(random.split());
  }

  /** Uniform in [0, 1). */
  public double uniform() {
    return random.nextDouble();
  }

  /** Uniform in [low, high). */
  public double uniform(double low, double high) {
    if (!(low < high)) {
      throw new IllegalArgumentException("uniform: need low < high, got [" + low + ", " + high + ")");
    }
    return random.nextDouble(low, high);
  }

  /** Uniform long in [low, high). */
  public long uniformLong(long low, long high) {
    return random.nextLong(low, high);
  }

  /** Exponential with the given mean (the JDK's ziggurat: no logarithm on the fast path). */
  public double exponential(double mean) {
    return mean * random.nextExponential();
  }

  /**
   * An exponential gap in whole nanoseconds for a rate in events per second: the inter-arrival time
   * of a Poisson process. Rounded, so rates up to about 1e8/s stay faithful.
   */
  public long exponentialNanos(double ratePerSecond) {
    if (!(ratePerSecond > 0)) {
      throw new IllegalArgumentException("rate must be positive, got " + ratePerSecond);
    }
    return Math.round(random.nextExponential() * (NANOS_PER_SECOND / ratePerSecond));
  }

  /** Standard normal. */
  public double gaussian() {
    return random.nextGaussian();
  }

  /** Lognormal: exp(mu + sigma Z), mu and sigma those of the underlying normal. */
  public double lognormal(double mu, double sigma) {
    if (!(sigma >= 0)) {
      throw new IllegalArgumentException("lognormal: sigma must be non-negative, got " + sigma);
    }
    return Math.exp(mu + sigma * random.nextGaussian());
  }

  /**
   * Lognormal with the given mean and coefficient of variation (standard deviation / mean), the
   * way service times are usually described.
   */
  public double lognormalWithMean(double mean, double cv) {
    if (!(mean > 0) || !(cv >= 0)) {
      throw new IllegalArgumentException("lognormal: need mean > 0 and cv >= 0, got " + mean + ", " + cv);
    }
    double sigma2 = Math.log1p(cv * cv);
    return lognormal(Math.log(mean) - sigma2 / 2, Math.sqrt(sigma2));
  }

  /**
   * Poisson with the given mean: Knuth's product of uniforms for small means (exact, O(mean)), and
   * Hörmann's transformed rejection with squeeze (PTRS, 1993) above, which is exact and O(1).
   */
  public long poisson(double mean) {
    if (!(mean >= 0) || Double.isInfinite(mean)) {
      throw new IllegalArgumentException("poisson: mean must be finite and non-negative, got " + mean);
    }
    if (mean == 0) {
      return 0;
    }
    if (mean < POISSON_INVERSION_LIMIT) {
      double limit = Math.exp(-mean);
      long k = 0;
      double product = random.nextDouble();
      while (product > limit) {
        k++;
        product *= random.nextDouble();
      }
      return k;
    }
    return poissonPtrs(mean);
  }

  private long poissonPtrs(double mean) {
    double sqrtMean = Math.sqrt(mean);
    double logMean = Math.log(mean);
    double b = 0.931 + 2.53 * sqrtMean;
    double a = -0.059 + 0.02483 * b;
    double invAlpha = 1.1239 + 1.1328 / (b - 3.4);
    double vr = 0.9277 - 3.6224 / (b - 2);
    for (; ; ) {
      double u = random.nextDouble() - 0.5;
      double v = random.nextDouble();
      double us = 0.5 - Math.abs(u);
      long k = (long) Math.floor((2 * a / us + b) * u + mean + 0.43);
      if (us >= 0.07 && v <= vr) {
        return k;
      }
      if (k < 0 || (us < 0.013 && v > us)) {
        continue;
      }
      double lhs = Math.log(v * invAlpha / (a / (us * us) + b));
      double rhs = -mean + k * logMean - LogFactorial.of(k);
      if (lhs <= rhs) {
        return k;
      }
    }
  }
}
