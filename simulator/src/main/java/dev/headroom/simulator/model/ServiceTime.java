package dev.headroom.simulator.model;

import dev.headroom.simulator.event.RandomSource;

/**
 * How long a backend worker takes for one request. Exponential gives the textbook M/M/c (for
 * checking against closed forms); lognormal is what measured service times look like; constant
 * isolates queueing from service-time noise.
 *
 * @param kind the distribution
 * @param meanNanos its mean in nanoseconds
 * @param cv coefficient of variation (lognormal only; 1 for exponential, 0 for constant)
 */
public record ServiceTime(Kind kind, double meanNanos, double cv) {

  public enum Kind { EXPONENTIAL, LOGNORMAL, CONSTANT }

  public ServiceTime {
    if (kind == null) {
      throw new IllegalArgumentException("service time: kind is required");
    }
    if (!(meanNanos > 0) || Double.isInfinite(meanNanos)) {
      throw new IllegalArgumentException("service time: mean must be positive and finite, got " + meanNanos + " ns");
    }
    if (!(cv >= 0) || Double.isInfinite(cv)) {
      throw new IllegalArgumentException("service time: cv must be non-negative and finite, got " + cv);
    }
  }

  public static ServiceTime exponential(double meanNanos) {
    return new ServiceTime(Kind.EXPONENTIAL, meanNanos, 1);
  }

  public static ServiceTime lognormal(double meanNanos, double cv) {
    return new ServiceTime(Kind.LOGNORMAL, meanNanos, cv);
  }

  public static ServiceTime constant(double nanos) {
    return new ServiceTime(Kind.CONSTANT, nanos, 0);
  }

  /** One draw, rounded to whole nanoseconds and at least 1 (a request always takes some time). */
  public long sampleNanos(RandomSource random) {
    double x = switch (kind) {
      case EXPONENTIAL -> random.exponential(meanNanos);
      case LOGNORMAL -> random.lognormalWithMean(meanNanos, cv);
      case CONSTANT -> meanNanos;
    };
    return Math.max(1, Math.round(x));
  }

  /** Requests per second one worker completes when always busy. */
  public double ratePerWorker() {
    return 1e9 / meanNanos;
  }
}
