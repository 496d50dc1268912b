/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.engine.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Per key per interval telemetry.
 *
 * @param interval       how often counts are cut into one point per key (10 s by default)
 * @param spoolPath      where points wait while InfluxDB is unreachable
 * @param spoolMaxBytes  cap on the spool file: beyond it points are counted as dropped, never blocking
 */
public record TelemetryConfig(Duration interval, Path spoolPath, long spoolMaxBytes) {

  public static final TelemetryConfig DEFAULT =
      new TelemetryConfig(Duration.ofSeconds(10), Path.of("data/telemetry-spool.lp"), 64L << 20);
}
