package dev.headroom.simulator.workload;

import java.util.List;

/**
 * Arrival times mapped by {@code t -> anchor + (t - anchor) * factor + shift}: shifting and
 * stretching in one pass. Multiplying by a positive factor and rounding keep the order, so the
 * stream stays sorted without buffering.
 */
final class Retimed implements Workload {

  private final Workload inner;
  private final long anchor;
  private final double factor;
  private final long shift;

  Retimed(Workload inner, long anchor, double factor, long shift) {
    this.inner = inner;
    this.anchor = anchor;
    this.factor = factor;
    this.shift = shift;
  }

  long map(long t) {
    // Offsets from the anchor, not epoch nanoseconds, go through the double: an epoch time
    // (~1.7e18) would lose hundreds of nanoseconds to rounding.
    long offset = factor == 1.0 ? t - anchor : Math.round((t - anchor) * factor);
    return anchor + offset + shift;
  }

  @Override
  public ArrivalSource open(long seed) {
    ArrivalSource in = inner.open(seed);
    return new ArrivalSource() {
      @Override
      public long next() {
        long t = in.next();
        return t == END ? END : map(t);
      }

      @Override
      public int key() {
        return in.key();
      }

      @Override
      public double cost() {
        return in.cost();
      }
    };
  }

  @Override
  public List<String> keys() {
    return inner.keys();
  }

  @Override
  public long startNanos() {
    return map(inner.startNanos());
  }

  @Override
  public long endNanos() {
    return map(inner.endNanos());
  }
}
