/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.forecaster.influx;

import dev.headroom.forecaster.series.RateSeries;
import java.time.Instant;
import org.influxdb.InfluxDB;

/**
 * Loads a {@link RateSeries} into the {@value InfluxSchema#CALLS} measurement as {@value
 * InfluxSchema#REQUESTS} of one key, so a trace can be forecast (or replayed against) as if the engine
 * had recorded it.
 *
 * <p>Fast by writing line protocol straight into one large buffer per batch (no Point objects), at
 * the coarsest timestamp precision exact for the series' grid. Missing intervals (NaN) are skipped:
 * they read back as missing, not as zero.
 *
 * <p>Defaults from measuring a 1M-point series on loopback ({@code ImportThroughput} in the tests):
 * influxd fsyncs its WAL once per write request, so batches under ~20k points spend their time
 * waiting on the disk (5k: about 120k points/s; 50k: 250k to 370k on a busy 2-core machine), and
 * gzip costs more CPU than the loopback bytes it saves. Not thread-safe.
 */
public final class InfluxImporter implements AutoCloseable {

  public static final int DEFAULT_BATCH_SIZE = 50_000;

  private final InfluxEndpoint endpoint;
  private final int batchSize;
  private final InfluxDB client;
  private final LineWriter writer;

  /**
   * @param batchSize points per HTTP write
   * @param gzip      compress request bodies (worth it over slow links, not on loopback)
   */
  public InfluxImporter(InfluxEndpoint endpoint, int batchSize, boolean gzip) {
    if (batchSize <= 0) {
      throw new IllegalArgumentException("batchSize must be positive, got " + batchSize);
    }
    this.endpoint = endpoint;
    this.batchSize = batchSize;
    this.client = endpoint.connect();
    if (gzip) {
      client.enableGzip();
    }
    this.writer = new LineWriter(endpoint, client);
  }

  public InfluxImporter(InfluxEndpoint endpoint) {
    this(endpoint, DEFAULT_BATCH_SIZE, false);
  }

  /**
   * Writes every measured interval of {@code series} as a point of {@code key}, stamped with the
   * interval's start.
   *
   * @throws IllegalArgumentException if {@code key} cannot be written (see the schema); before any write
   * @throws InfluxWriteException if InfluxDB does not take a batch (earlier batches stay written)
   */
  public ImportResult importSeries(String key, RateSeries series) {
    long started = System.nanoTime();
    StringBuilder prefix = new StringBuilder(InfluxSchema.CALLS).append(',').append(InfluxSchema.KEY).append('=');
    LineProtocol.appendTagValue(prefix, "key", key).append(' ').append(InfluxSchema.REQUESTS).append('=');
    Precision precision = Precision.forGrid(series.startMillis(), series.stepMillis());
    StringBuilder lines = new StringBuilder(batchSize * (prefix.length() + 24));
    long points = 0;
    long skipped = 0;
    int batches = 0;
    int inBatch = 0;
    int batchStart = 0;
    for (int i = 0; i < series.size(); i++) {
      double v = series.value(i);
      if (Double.isNaN(v)) {
        skipped++;
        continue;
      }
      if (inBatch == 0) {
        batchStart = i;
      }
      lines.append(prefix);
      LineProtocol.appendFloat(lines, "value " + i + " of the series", v);
      lines.append(' ').append(precision.timestamp(series.timeMillis(i))).append('\n');
      if (++inBatch == batchSize) {
        send(key, series, lines, inBatch, batchStart, i, precision);
        points += inBatch;
        batches++;
        inBatch = 0;
        lines.setLength(0);
      }
    }
    if (inBatch > 0) {
      send(key, series, lines, inBatch, batchStart, series.size() - 1, precision);
      points += inBatch;
      batches++;
    }
    return new ImportResult(points, skipped, batches, (System.nanoTime() - started) / 1_000_000);
  }

  private void send(String key, RateSeries series, StringBuilder lines, int count, int first, int last,
      Precision precision) {
    writer.write(lines, count, precision, "requests of key " + LineProtocol.quoted(key) + " from "
        + Instant.ofEpochMilli(series.timeMillis(first)) + " to " + Instant.ofEpochMilli(series.timeMillis(last)));
  }

  public InfluxEndpoint endpoint() {
    return endpoint;
  }

  @Override
  public void close() {
    client.close();
  }
}
