/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.engine.telemetry;

import dev.headroom.forecaster.history.TelemetryPoint;
import java.util.List;

/** Where closed intervals go: the embedded history or InfluxDB. */
public interface TelemetrySink extends AutoCloseable {

  /**
   * Takes one interval's points. Never blocks on I/O to a server: an implementation that writes
   * remotely hands the points to its own thread.
   *
   * @throws IllegalArgumentException if a point cannot be stored (a key InfluxDB cannot hold)
   */
  void accept(List<TelemetryPoint> points);

  /** Counters for /metrics. */
  SinkCounters counters();

  /** Writes or spools what is still held, then releases files and connections. */
  @Override
  void close();
}
