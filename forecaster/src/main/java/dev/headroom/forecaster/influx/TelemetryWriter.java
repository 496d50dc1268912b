/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.forecaster.influx;

import dev.headroom.forecaster.history.TelemetryPoint;
import java.time.Instant;
import java.util.List;
import org.influxdb.InfluxDB;

/**
 * Writes the engine's per-key, per-interval counts as {@value InfluxSchema#CALLS} points, in batches
 * of at most {@code batchSize} lines per HTTP request. Zeros are written as zeros: an idle key is
 * measured quiet, not missing. Thread-safe; close it to release the connection pool.
 */
public final class TelemetryWriter implements AutoCloseable {

  public static final int DEFAULT_BATCH_SIZE = 10_000;

  private final InfluxEndpoint endpoint;
  private final int batchSize;
  private final InfluxDB client;
  private final LineWriter writer;

  public TelemetryWriter(InfluxEndpoint endpoint, int batchSize) {
    if (batchSize <= 0) {
      throw new IllegalArgumentException("batchSize must be positive, got " + batchSize);
    }
    this.endpoint = endpoint;
    this.batchSize = batchSize;
    this.client = endpoint.connect();
    this.writer = new LineWriter(endpoint, client);
  }

  public TelemetryWriter(InfluxEndpoint endpoint) {
    this(endpoint, DEFAULT_BATCH_SIZE);
  }

  /**
   * Writes {@code points}; on failure, batches before the failing one are written.
   *
   * @throws IllegalArgumentException if a key cannot be written (see {@link LineProtocol}); checked
   *     before anything is sent
   * @throws InfluxWriteException if InfluxDB does not take a batch
   */
  public void write(List<TelemetryPoint> points) {
    for (TelemetryPoint p : points) {
      LineProtocol.checkTagValue("key", p.key());
    }
    StringBuilder lines = new StringBuilder(batchSize * 96);
    for (int from = 0; from < points.size(); from += batchSize) {
      List<TelemetryPoint> batch = points.subList(from, Math.min(points.size(), from + batchSize));
      Precision precision = Precision.HOURS;
      for (TelemetryPoint p : batch) {
        precision = precision.finer(Precision.forTime(p.timeMillis()));
      }
      lines.setLength(0);
      for (TelemetryPoint p : batch) {
        appendLine(lines, p, precision);
      }
      writer.write(lines, batch.size(), precision, "telemetry of " + batch.size() + " key intervals from "
          + Instant.ofEpochMilli(batch.getFirst().timeMillis()));
    }
  }

  /**
   * The line protocol of {@code points} at millisecond precision, as {@link #writeLines} takes it:
   * for callers that keep batches to write later (the engine's outage spool) in the one format
   * InfluxDB reads, without a second definition of the schema.
   *
   * @throws IllegalArgumentException if a key cannot be written (see {@link LineProtocol})
   */
  public static String lines(List<TelemetryPoint> points) {
    StringBuilder out = new StringBuilder(points.size() * 112);
    for (TelemetryPoint p : points) {
      appendLine(out, p, Precision.MILLISECONDS);
    }
    return out.toString();
  }

  /**
   * Writes text made by {@link #lines} ({@code points} lines) as one request.
   *
   * @param what for the error message, e.g. {@code "spooled batch 3"}
   * @throws InfluxWriteException if InfluxDB does not take it
   */
  public void writeLines(String lines, int points, String what) {
    writer.write(lines, points, Precision.MILLISECONDS, what);
  }

  static void appendLine(StringBuilder out, TelemetryPoint p, Precision precision) {
    out.append(InfluxSchema.CALLS).append(',').append(InfluxSchema.KEY).append('=');
    LineProtocol.appendTagValue(out, "key", p.key()).append(' ');
    out.append(InfluxSchema.REQUESTS).append('=').append(p.requests()).append(',');
    out.append(InfluxSchema.ADMITTED).append('=').append(p.admitted()).append(',');
    out.append(InfluxSchema.REJECTED).append('=').append(p.rejected()).append(',');
    out.append(InfluxSchema.LATENCY_SUM_MS).append('=');
    LineProtocol.appendFloat(out, InfluxSchema.LATENCY_SUM_MS, p.latencySumMillis()).append(',');
    out.append(InfluxSchema.LATENCY_COUNT).append('=').append(p.latencyCount());
    out.append(' ').append(precision.timestamp(p.timeMillis())).append('\n');
  }

  public InfluxEndpoint endpoint() {
    return endpoint;
  }

  @Override
  public void close() {
    client.close();
  }
}
