package dev.headroom.bench.simulator;

import dev.headroom.simulator.event.EventQueue;
import dev.headroom.simulator.event.Process;
import dev.headroom.simulator.event.RandomSource;
import dev.headroom.simulator.event.Simulation;
import dev.headroom.simulator.event.VirtualClock;

/**
 * The classic hold model of event-set benchmarks (Vaucher and Duval, 1975): n events pending; each
 * step takes the earliest and schedules one at now + an exponential draw with a mean of one second.
 * The queue's size stays n, so the cost measured is that of one pop plus one push at that size,
 * through the whole loop (clock, event pool, dispatch), not the bare queue.
 */
public final class HoldModel implements Process {

  private static final double ONE_PER_SECOND = 1.0;

  private final Simulation sim;
  private final RandomSource random;
  private final int id;

  /** Fills a simulation on {@code kind} with {@code n} events, then runs n events to reach steady state. */
  public HoldModel(EventQueue.Kind kind, int n, long seed) {
    if (n < 1) {
      throw new IllegalArgumentException("hold model: at least one pending event, got " + n);
    }
    this.sim = new Simulation(new VirtualClock(1_700_000_000_000_000_000L), kind.create());
    this.random = new RandomSource(seed);
    this.id = sim.register(this);
    for (int i = 0; i < n; i++) {
      sim.scheduleIn(random.exponentialNanos(ONE_PER_SECOND), id, 0, 0);
    }
    steps(n);
  }

  @Override
  public void onEvent(int type, long payload) {
    sim.scheduleIn(random.exponentialNanos(ONE_PER_SECOND), id, 0, 0);
  }

  /** Runs {@code count} events; returns the clock's time (for the benchmark's black hole). */
  public long steps(int count) {
    for (int i = 0; i < count; i++) {
      sim.step();
    }
    return sim.now();
  }

  public int pending() {
    return sim.pending();
  }
}
