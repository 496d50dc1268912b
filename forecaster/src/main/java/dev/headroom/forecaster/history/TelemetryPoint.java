/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.forecaster.history;

import java.util.Objects;

/**
 * What the engine counted for one key in one interval. Counts and sums only, so intervals can be
 * added up into any coarser step; mean latency is derived, never stored.
 *
 * @param key              the rate-limit key
 * @param timeMillis       start of the interval, epoch milliseconds
 * @param requests         requests that arrived
 * @param admitted         of those, admitted
 * @param rejected         of those, rejected
 * @param latencySumMillis sum of the latencies measured in the interval, milliseconds
 * @param latencyCount     how many latencies that sum holds
 */
public record TelemetryPoint(
    String key, long timeMillis, long requests, long admitted, long rejected, double latencySumMillis,
    long latencyCount) {

  public TelemetryPoint {
    Objects.requireNonNull(key, "key");
    if (key.isEmpty()) {
      throw new IllegalArgumentException("key must not be empty");
    }
    requireNotNegative(key, "requests", requests);
    requireNotNegative(key, "admitted", admitted);
    requireNotNegative(key, "rejected", rejected);
    requireNotNegative(key, "latencyCount", latencyCount);
    if (!(latencySumMillis >= 0) || Double.isInfinite(latencySumMillis)) {
      throw new IllegalArgumentException("latencySumMillis of key " + key + " must be finite and not negative, got "
          + latencySumMillis);
    }
  }

  /** An interval with requests only (a trace, or an engine that does not measure latency). */
  public static TelemetryPoint requestsOnly(String key, long timeMillis, long requests) {
    return new TelemetryPoint(key, timeMillis, requests, 0, 0, 0, 0);
  }

  /** Mean latency in milliseconds; NaN when none was measured. */
  public double meanLatencyMillis() {
    return latencyCount == 0 ? Double.NaN : latencySumMillis / latencyCount;
  }

  private static void requireNotNegative(String key, String name, long value) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " of key " + key + " must not be negative, got " + value);
    }
  }
}
