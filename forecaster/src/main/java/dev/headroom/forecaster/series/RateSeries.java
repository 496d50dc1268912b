package dev.headroom.forecaster.series;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * A regular series of counts: a start instant, a fixed step, and one value per step. A missing
 * interval (no data was recorded) is {@link Double#NaN}, which stays distinct from a measured zero:
 * an outage of the telemetry pipeline must not look like a quiet night to a model.
 *
 * <p>Immutable. Times are epoch milliseconds; the step is a positive whole number of milliseconds.
 */
public final class RateSeries {

  private final long startMillis;
  private final long stepMillis;
  private final double[] values;

  private RateSeries(long startMillis, long stepMillis, double[] values) {
    if (stepMillis <= 0) {
      throw new IllegalArgumentException("step must be positive, got " + stepMillis + " ms");
    }
    for (int i = 0; i < values.length; i++) {
      double v = values[i];
      if (Double.isInfinite(v)) {
        throw new IllegalArgumentException("value " + i + " is infinite");
      }
    }
    this.startMillis = startMillis;
    this.stepMillis = stepMillis;
    this.values = values;
  }

  /** A series over a copy of {@code values}; NaN marks a missing interval. */
  public static RateSeries of(Instant start, Duration step, double[] values) {
    return new RateSeries(start.toEpochMilli(), step.toMillis(), values.clone());
  }

  /** As {@link #of(Instant, Duration, double[])} in epoch milliseconds. */
  public static RateSeries ofMillis(long startMillis, long stepMillis, double[] values) {
    return new RateSeries(startMillis, stepMillis, values.clone());
  }

  /** Takes ownership of {@code values} without copying; for builders in this package. */
  static RateSeries wrap(long startMillis, long stepMillis, double[] values) {
    return new RateSeries(startMillis, stepMillis, values);
  }

  public Instant start() {
    return Instant.ofEpochMilli(startMillis);
  }

  public long startMillis() {
    return startMillis;
  }

  public Duration step() {
    return Duration.ofMillis(stepMillis);
  }

  public long stepMillis() {
    return stepMillis;
  }

  /** The instant just after the last interval. */
  public long endMillis() {
    return startMillis + stepMillis * values.length;
  }

  public int size() {
    return values.length;
  }

  public double value(int i) {
    return values[i];
  }

  public boolean isMissing(int i) {
    return Double.isNaN(values[i]);
  }

  /** Start of interval {@code i}, in epoch milliseconds. */
  public long timeMillis(int i) {
    return startMillis + stepMillis * i;
  }

  /** A copy of the values, NaN where missing. */
  public double[] values() {
    return values.clone();
  }

  public int missingCount() {
    int n = 0;
    for (double v : values) {
      if (Double.isNaN(v)) {
        n++;
      }
    }
    return n;
  }

  /** Intervals {@code [from, to)}. */
  public RateSeries slice(int from, int to) {
    Objects.checkFromToIndex(from, to, values.length);
    return wrap(timeMillis(from), stepMillis, Arrays.copyOfRange(values, from, to));
  }

  /** The first {@code n} intervals. */
  public RateSeries head(int n) {
    return slice(0, n);
  }

  /** This series followed by {@code next}, which must start where this one ends, at the same step. */
  public RateSeries append(RateSeries next) {
    if (next.stepMillis != stepMillis || next.startMillis != endMillis()) {
      throw new IllegalArgumentException("cannot append a series starting at " + next.start()
          + " with step " + next.step() + " to one ending at " + Instant.ofEpochMilli(endMillis())
          + " with step " + step());
    }
    double[] joined = Arrays.copyOf(values, values.length + next.values.length);
    System.arraycopy(next.values, 0, joined, values.length, next.values.length);
    return wrap(startMillis, stepMillis, joined);
  }

  /**
   * Sums consecutive blocks of {@code step / this.step()} intervals, starting at this series' first
   * interval. A block with any missing interval is missing (a partial sum would read as a dip),
   * and so is a trailing partial block, which is dropped.
   */
  public RateSeries aggregate(Duration step) {
    long target = step.toMillis();
    if (target <= 0 || target % stepMillis != 0) {
      throw new IllegalArgumentException("step " + step + " is not a positive multiple of " + step());
    }
    int k = (int) (target / stepMillis);
    int n = values.length / k;
    double[] out = new double[n];
    for (int b = 0; b < n; b++) {
      double sum = 0;
      for (int j = b * k, end = j + k; j < end; j++) {
        sum += values[j];
      }
      out[b] = sum;
    }
    return wrap(startMillis, target, out);
  }

  /**
   * As {@link #aggregate(Duration)}, but blocks aligned to whole multiples of {@code step} since the
   * epoch (clock hours, say): leading intervals before the first boundary are dropped.
   */
  public RateSeries aggregateAligned(Duration step) {
    long target = step.toMillis();
    long first = Math.floorDiv(startMillis + target - 1, target) * target;
    long skipMillis = first - startMillis;
    if (skipMillis % stepMillis != 0) {
      throw new IllegalArgumentException("step " + step() + " does not divide the alignment to " + step);
    }
    int skip = (int) Math.min(values.length, skipMillis / stepMillis);
    return slice(skip, values.length).aggregate(step);
  }

  /**
   * This series from its first measured interval on: what comes before it is time before the key
   * existed (a 30-day window asked for a key born last week), not a gap in the data. Unchanged
   * when it starts with a measurement or has none at all.
   */
  public RateSeries trimLeadingMissing() {
    int first = 0;
    while (first < values.length && Double.isNaN(values[first])) {
      first++;
    }
    return first == 0 || first == values.length ? this : slice(first, values.length);
  }

  /** Missing intervals filled by straight lines between their measured neighbours (ends held flat). */
  public RateSeries interpolateMissing() {
    double[] out = values.clone();
    int n = out.length;
    int prev = -1;
    for (int i = 0; i <= n; i++) {
      if (i < n && Double.isNaN(out[i])) {
        continue;
      }
      if (i - prev > 1) {
        double left = prev >= 0 ? out[prev] : (i < n ? out[i] : 0);
        double right = i < n ? out[i] : left;
        for (int j = prev + 1; j < i; j++) {
          double t = (double) (j - prev) / (i - prev);
          out[j] = prev >= 0 && i < n ? left + (right - left) * t : (prev >= 0 ? left : right);
        }
      }
      prev = i;
    }
    return wrap(startMillis, stepMillis, out);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RateSeries s && s.startMillis == startMillis && s.stepMillis == stepMillis
        && Arrays.equals(s.values, values);
  }

  @Override
  public int hashCode() {
    return Objects.hash(startMillis, stepMillis, Arrays.hashCode(values));
  }

  @Override
  public String toString() {
    return "RateSeries[start=" + start() + ", step=" + step() + ", size=" + values.length
        + ", missing=" + missingCount() + "]";
  }
}
