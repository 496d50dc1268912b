package dev.headroom.simulator.event;

/**
 * A Poisson arrival process: at exponential gaps it hands an arrival to {@code target} by a direct
 * call (no second event), numbering arrivals from 0 in the payload. Used for open queueing models.
 */
public final class PoissonArrivals implements Process {

  private final Simulation sim;
  private final RandomSource random;
  private final double ratePerSecond;
  private final Process target;
  private final int targetType;
  private final int id;
  private long count;
  private long stopAt = Long.MAX_VALUE;

  /**
   * @param target receives {@code onEvent(targetType, arrivalIndex)} at each arrival
   */
  public PoissonArrivals(Simulation sim, RandomSource random, double ratePerSecond, Process target, int targetType) {
    if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
      throw new IllegalArgumentException("arrival rate must be positive and finite, got " + ratePerSecond);
    }
    this.sim = sim;
    this.random = random;
    this.ratePerSecond = ratePerSecond;
    this.target = target;
    this.targetType = targetType;
    this.id = sim.register(this);
  }

  /** Schedules the first arrival one exponential gap from now. */
  public PoissonArrivals start() {
    sim.scheduleIn(random.exponentialNanos(ratePerSecond), id, 0, 0);
    return this;
  }

  /** No arrival after {@code count} of them (so that a run can drain). */
  public PoissonArrivals limit(long count) {
    this.stopAt = count;
    return this;
  }

  @Override
  public void onEvent(int type, long payload) {
    long index = count++;
    target.onEvent(targetType, index);
    if (count < stopAt) {
      sim.scheduleIn(random.exponentialNanos(ratePerSecond), id, 0, 0);
    }
  }

  public long arrivals() {
    return count;
  }
}
