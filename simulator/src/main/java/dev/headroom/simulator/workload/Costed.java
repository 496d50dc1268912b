package dev.headroom.simulator.workload;

import java.util.List;

/** Arrivals given log-normal costs: most requests cheap, a few heavy, as with real API calls. */
final class Costed implements Workload {

  private final Workload inner;
  private final double median;
  private final double sigma;

  Costed(Workload inner, double median, double sigma) {
    if (!(median > 0) || Double.isInfinite(median) || !(sigma >= 0) || Double.isInfinite(sigma)) {
      throw new IllegalArgumentException("cost median must be > 0 and sigma >= 0, got median "
          + median + ", sigma " + sigma);
    }
    this.inner = inner;
    this.median = median;
    this.sigma = sigma;
  }

  @Override
  public ArrivalSource open(long seed) {
    ArrivalSource in = inner.open(Rng.derive(seed, 0));
    Rng rng = new Rng(Rng.derive(seed, 1));
    return new ArrivalSource() {
      private double cost;

      @Override
      public long next() {
        long t = in.next();
        if (t != END) {
          cost = sigma == 0 ? median : median * StrictMath.exp(sigma * rng.gaussian());
        }
        return t;
      }

      @Override
      public int key() {
        return in.key();
      }

      @Override
      public double cost() {
        return cost;
      }
    };
  }

  @Override
  public List<String> keys() {
    return inner.keys();
  }

  @Override
  public long startNanos() {
    return inner.startNanos();
  }

  @Override
  public long endNanos() {
    return inner.endNanos();
  }
}
