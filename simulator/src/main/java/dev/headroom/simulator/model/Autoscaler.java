package dev.headroom.simulator.model;

/**
 * A target-tracking autoscaler, as cloud platforms offer: every {@code periodNanos} it measures the
 * backend's load and asks for enough workers to bring utilisation to {@code targetUtilisation};
 * workers asked for arrive only {@code provisioningDelayNanos} later (the point of the elastic
 * scenario: capacity lags demand). Scaling down is immediate, and only when nothing is on its way,
 * so that it does not cancel out a scale-up still provisioning.
 *
 * <p>Load is the time-averaged number of requests in the backend (in service plus queued), not the
 * busy share: under overload busy saturates at 100% and would hide how far demand exceeds capacity.
 */
public record Autoscaler(double targetUtilisation, long periodNanos, long provisioningDelayNanos, int minWorkers,
    int maxWorkers) {

  public Autoscaler {
    if (!(targetUtilisation > 0 && targetUtilisation <= 1)) {
      throw new IllegalArgumentException("autoscaler: target utilisation must be in (0, 1], got " + targetUtilisation);
    }
    if (periodNanos <= 0) {
      throw new IllegalArgumentException("autoscaler: period must be positive, got " + periodNanos + " ns");
    }
    if (provisioningDelayNanos < 0) {
      throw new IllegalArgumentException(
          "autoscaler: provisioning delay must be >= 0, got " + provisioningDelayNanos + " ns");
    }
    if (minWorkers < 0 || maxWorkers < minWorkers) {
      throw new IllegalArgumentException(
          "autoscaler: need 0 <= min <= max workers, got min " + minWorkers + ", max " + maxWorkers);
    }
  }

  /** Workers wanted for a measured load (mean requests in the backend), within [min, max]. */
  int desiredWorkers(double load) {
    long wanted = (long) Math.ceil(load / targetUtilisation - 1e-9);
    return (int) Math.max(minWorkers, Math.min(maxWorkers, wanted));
  }
}
