/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.engine.telemetry;

import dev.headroom.forecaster.history.TelemetryPoint;

/**
 * One key's interval: the point stored as history, plus latency quantiles that are not stored (the
 * schema keeps sums only, so steps add up) but that the reactive policy reads live.
 *
 * @param point            counts and latency sum, as written to InfluxDB
 * @param latencyP50Millis median latency, ms; NaN when none was measured
 * @param latencyP99Millis 99th percentile latency, ms; NaN when none was measured
 */
public record KeyInterval(TelemetryPoint point, double latencyP50Millis, double latencyP99Millis) {

  public String key() {
    return point.key();
  }
}
