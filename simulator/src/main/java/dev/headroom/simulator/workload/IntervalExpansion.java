package dev.headroom.simulator.workload;

import dev.headroom.forecaster.series.RateSeries;
import java.util.List;
import java.util.Objects;

/**
 * Counts per interval turned into arrivals, interval by interval, in constant memory: the World Cup
 * trace alone counts 950 million requests.
 *
 * <p>{@link Spread#POISSON} draws the sorted uniforms one at a time, smallest first: the minimum of
 * {@code m} uniforms on what is left of the interval, {@code m} counting down. That is exact, needs
 * no sort and no buffer, and costs one logarithm and one exponential per arrival.
 */
final class IntervalExpansion implements Workload {

  private static final long NANOS_PER_MILLI = 1_000_000L;

  private final RateSeries counts;
  private final Spread spread;

  IntervalExpansion(RateSeries counts, Spread spread) {
    this.counts = Objects.requireNonNull(counts, "counts");
    this.spread = Objects.requireNonNull(spread, "spread");
    for (int i = 0; i < counts.size(); i++) {
      if (counts.value(i) < 0) {
        throw new IllegalArgumentException("count " + i + " is negative: " + counts.value(i));
      }
    }
  }

  @Override
  public ArrivalSource open(long seed) {
    return new Source(new Rng(seed));
  }

  @Override
  public List<String> keys() {
    return List.of("all");
  }

  @Override
  public long startNanos() {
    return counts.startMillis() * NANOS_PER_MILLI;
  }

  @Override
  public long endNanos() {
    return counts.endMillis() * NANOS_PER_MILLI;
  }

  private final class Source implements ArrivalSource {
    private final Rng rng;
    private final long stepNanos = counts.stepMillis() * NANOS_PER_MILLI;
    private int interval = -1;
    private long intervalStart;
    private long n;
    private long emitted;
    private double position;

    Source(Rng rng) {
      this.rng = rng;
    }

    @Override
    public long next() {
      while (emitted == n) {
        if (++interval >= counts.size()) {
          interval = counts.size();
          n = emitted = 0;
          return END;
        }
        double v = counts.value(interval);
        n = Double.isNaN(v) ? 0 : rng.roundStochastic(v);
        emitted = 0;
        position = 0;
        intervalStart = counts.timeMillis(interval) * NANOS_PER_MILLI;
      }
      long offset;
      if (spread == Spread.POISSON) {
        long left = n - emitted;
        // Minimum of `left` uniforms on [position, 1): 1 - V^(1/left) of what remains.
        position += (1 - position) * -StrictMath.expm1(-rng.exponential() / left);
        offset = (long) (position * stepNanos);
      } else {
        offset = (long) ((emitted + 0.5) * ((double) stepNanos / n));
      }
      emitted++;
      return intervalStart + Math.min(offset, stepNanos - 1);
    }

    @Override
    public int key() {
      return 0;
    }

    @Override
    public double cost() {
      return 1;
    }
  }
}
