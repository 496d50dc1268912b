package dev.headroom.simulator.workload;

import java.util.List;

/**
 * Each arrival moved to a uniform time in {@code [t, t + resolution)}: for logs that record whole
 * seconds (access logs), whose requests would otherwise all land on the second's first instant.
 * Moves are forward only, so an arrival is final once the next unmoved one is no earlier.
 */
final class Spreading implements Workload {

  private final Workload inner;
  private final long resolution;

  Spreading(Workload inner, long resolutionNanos) {
    if (resolutionNanos <= 0) {
      throw new IllegalArgumentException("resolution must be positive, got " + resolutionNanos
          + " ns");
    }
    this.inner = inner;
    this.resolution = resolutionNanos;
  }

  @Override
  public ArrivalSource open(long seed) {
    ArrivalSource in = inner.open(Rng.derive(seed, 0));
    Rng rng = new Rng(Rng.derive(seed, 1));
    ArrivalHeap pending = new ArrivalHeap();
    return new ArrivalSource() {
      private long head = Long.MIN_VALUE;
      private int key;
      private double cost;

      @Override
      public long next() {
        if (head == Long.MIN_VALUE) {
          head = in.next();
        }
        // Everything still to come moves to at least the next unmoved time.
        while (head != END && (pending.isEmpty() || pending.minTime() >= head)) {
          pending.push(head + (long) (rng.nextDouble() * resolution), in.key(), in.cost());
          head = in.next();
        }
        if (pending.isEmpty()) {
          return END;
        }
        long t = pending.minTime();
        key = pending.minKey();
        cost = pending.minCost();
        pending.pop();
        return t;
      }

      @Override
      public int key() {
        return key;
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
    return inner.endNanos() + resolution;
  }
}
