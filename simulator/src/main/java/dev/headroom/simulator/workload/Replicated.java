package dev.headroom.simulator.workload;

import java.util.List;

/**
 * The rate multiplied by a {@link RateProfile}: each arrival at {@code t} is emitted
 * {@code floor(f)} or {@code floor(f) + 1} times, {@code f = factorAt(t)}, with the mean {@code f};
 * so below 1 this is thinning. The original keeps its time and the copies are jittered by a uniform
 * in {@code [-jitter/2, jitter/2)}. A copy may then be earlier than later originals, so arrivals
 * wait in a heap until the next original is far enough ahead that nothing earlier can still come.
 */
final class Replicated implements Workload {

  private final Workload inner;
  private final RateProfile profile;
  private final long halfJitter;
  private final long jitter;

  Replicated(Workload inner, RateProfile profile, long jitterNanos) {
    if (jitterNanos < 0) {
      throw new IllegalArgumentException("jitter must be >= 0, got " + jitterNanos + " ns");
    }
    this.inner = inner;
    this.profile = profile;
    // Without copies there is nothing to jitter, and every arrival can pass straight through.
    this.jitter = profile.maxFactor() > 1 ? jitterNanos : 0;
    this.halfJitter = jitter / 2;
  }

  @Override
  public ArrivalSource open(long seed) {
    return new Source(inner.open(Rng.derive(seed, 0)), new Rng(Rng.derive(seed, 1)));
  }

  @Override
  public List<String> keys() {
    return inner.keys();
  }

  @Override
  public long startNanos() {
    return inner.startNanos() - halfJitter;
  }

  @Override
  public long endNanos() {
    return inner.endNanos() + halfJitter;
  }

  private final class Source implements ArrivalSource {
    private final ArrivalSource in;
    private final Rng rng;
    private final ArrivalHeap pending = new ArrivalHeap();
    private long head;
    private int headKey;
    private double headCost;
    private boolean started;
    private int key;
    private double cost;

    Source(ArrivalSource in, Rng rng) {
      this.in = in;
      this.rng = rng;
    }

    private void advance() {
      head = in.next();
      if (head != END) {
        headKey = in.key();
        headCost = in.cost();
      }
    }

    @Override
    public long next() {
      if (!started) {
        started = true;
        advance();
      }
      while (true) {
        // Whatever comes later is at or after head - halfJitter: anything earlier is final.
        if (!pending.isEmpty() && (head == END || pending.minTime() <= head - halfJitter)) {
          long t = pending.minTime();
          key = pending.minKey();
          cost = pending.minCost();
          pending.pop();
          return t;
        }
        if (head == END) {
          return END;
        }
        long t = head;
        int k = headKey;
        double c = headCost;
        advance();
        long copies = rng.roundStochastic(profile.factorAt(t));
        if (copies == 0) {
          continue;
        }
        if (copies == 1 && pending.isEmpty() && (head == END || t <= head - halfJitter)) {
          key = k;
          cost = c;
          return t;
        }
        pending.push(t, k, c);
        for (long j = 1; j < copies; j++) {
          long offset = (long) (rng.nextDouble() * jitter) - halfJitter;
          pending.push(t + offset, k, c);
        }
      }
    }

    @Override
    public int key() {
      return key;
    }

    @Override
    public double cost() {
      return cost;
    }
  }
}
