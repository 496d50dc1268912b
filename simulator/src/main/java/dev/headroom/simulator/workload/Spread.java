package dev.headroom.simulator.workload;

/** How the requests counted in an interval are placed within it. */
public enum Spread {
  /**
   * As a Poisson process that had exactly that count in the interval: the times are the sorted
   * values of as many independent uniforms (seeded). Keeps every count exact while giving the
   * bursts and gaps of real arrivals.
   */
  POISSON,
  /** Evenly spaced, at the centres of equal slots: deterministic and as smooth as counts allow. */
  UNIFORM
}
