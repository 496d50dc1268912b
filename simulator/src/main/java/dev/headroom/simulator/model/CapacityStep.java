package dev.headroom.simulator.model;

/**
 * From {@code atNanos} (virtual time) on, the backend has {@code workers} workers: one step of a
 * capacity schedule, for planned changes such as a deploy taking half the fleet or a nightly
 * scale-down.
 */
public record CapacityStep(long atNanos, int workers) {

  public CapacityStep {
    if (workers < 0) {
      throw new IllegalArgumentException("capacity step at " + atNanos + " ns: workers must be >= 0, got " + workers);
    }
  }
}
