package dev.headroom.simulator.event;

/**
 * Confidence intervals for a steady-state mean by the method of batch means: one long run cut into
 * batches long enough to be nearly independent, whose means are then treated as a sample. Student's
 * t quantile comes from the Cornish-Fisher expansion, accurate to 1e-3 for 10 or more batches.
 */
public final class BatchMeans {

  /** Two-sided confidence levels and their normal quantiles. */
  public enum Confidence {
    P95(1.959963985),
    P99(2.575829304);

    final double z;

    Confidence(double z) {
      this.z = z;
    }
  }

  static final int MIN_BATCHES = 10;

  private long n;
  private double mean;
  private double m2;

  /** Adds one batch's mean (Welford's update: stable for long runs). */
  public void add(double batchMean) {
    if (!Double.isFinite(batchMean)) {
      throw new IllegalArgumentException("batch mean must be finite, got " + batchMean);
    }
    n++;
    double delta = batchMean - mean;
    mean += delta / n;
    m2 += delta * (batchMean - mean);
  }

  public long batches() {
    return n;
  }

  public double mean() {
    return mean;
  }

  /** Half the width of the confidence interval around {@link #mean()}. */
  public double halfWidth(Confidence level) {
    if (n < MIN_BATCHES) {
      throw new IllegalStateException("batch means need at least " + MIN_BATCHES + " batches, have " + n);
    }
    double variance = m2 / (n - 1);
    return studentT(level.z, n - 1) * Math.sqrt(variance / n);
  }

  /** Whether {@code value} lies in the confidence interval. */
  public boolean covers(double value, Confidence level) {
    return Math.abs(value - mean) <= halfWidth(level);
  }

  /** Student's t quantile for the normal quantile {@code z} and {@code df} degrees of freedom. */
  static double studentT(double z, long df) {
    double v = df;
    double z2 = z * z;
    double z3 = z2 * z;
    double z5 = z3 * z2;
    double z7 = z5 * z2;
    return z + (z3 + z) / (4 * v)
        + (5 * z5 + 16 * z3 + 3 * z) / (96 * v * v)
        + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * v * v * v);
  }

  @Override
  public String toString() {
    return n < MIN_BATCHES ? "batch-means{" + mean + ", n=" + n + "}"
        : String.format(java.util.Locale.ROOT, "%.5g +- %.2g (99%%, %d batches)", mean, halfWidth(Confidence.P99), n);
  }
}
