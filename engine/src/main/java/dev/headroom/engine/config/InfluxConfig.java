/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.engine.config;

import dev.headroom.forecaster.influx.InfluxEndpoint;
import java.time.Duration;

/** The InfluxDB 1.x that keeps history and telemetry across restarts. */
public record InfluxConfig(String url, String database, Duration connectTimeout, Duration readTimeout) {

  /** The forecaster's endpoint for this connection. */
  public InfluxEndpoint endpoint() {
    return new InfluxEndpoint(url, database, connectTimeout, readTimeout);
  }
}
