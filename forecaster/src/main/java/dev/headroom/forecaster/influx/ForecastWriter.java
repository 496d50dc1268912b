/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.forecaster.influx;

import dev.headroom.forecaster.Forecast;
import java.time.Instant;
import org.influxdb.InfluxDB;

/**
 * Writes forecasts to the {@value InfluxSchema#FORECAST} measurement, one point per forecast step,
 * so a dashboard can draw forecast and quantile band over the actual {@value InfluxSchema#CALLS}.
 * Thread-safe; close it to release the connection pool.
 */
public final class ForecastWriter implements AutoCloseable {

  private final InfluxEndpoint endpoint;
  private final InfluxDB client;
  private final LineWriter writer;

  public ForecastWriter(InfluxEndpoint endpoint) {
    this.endpoint = endpoint;
    this.client = endpoint.connect();
    this.writer = new LineWriter(endpoint, client);
  }

  /**
   * Writes {@code forecast} of {@code key}, tagged with its model. Steps whose four values are all
   * NaN are left out; NaN values of other steps are left out of their point.
   *
   * @return points written
   * @throws IllegalArgumentException if the key or model name cannot be written as a tag
   * @throws InfluxWriteException if InfluxDB does not take the points
   */
  public int write(String key, Forecast forecast) {
    StringBuilder lines = new StringBuilder(forecast.horizon() * 160);
    int points = appendLines(lines, key, forecast);
    writer.write(lines, points, Precision.forGrid(forecast.startMillis(), forecast.stepMillis()),
        "forecast of key " + LineProtocol.quoted(key) + " by " + forecast.model() + " from "
            + Instant.ofEpochMilli(forecast.startMillis()));
    return points;
  }

  /** Appends the lines of {@code forecast} and returns how many. */
  static int appendLines(StringBuilder out, String key, Forecast forecast) {
    StringBuilder series = new StringBuilder(InfluxSchema.FORECAST).append(',').append(InfluxSchema.KEY).append('=');
    LineProtocol.appendTagValue(series, "key", key).append(',').append(InfluxSchema.MODEL).append('=');
    LineProtocol.appendTagValue(series, "model", forecast.model()).append(' ');
    Precision precision = Precision.forGrid(forecast.startMillis(), forecast.stepMillis());
    int points = 0;
    for (int i = 0; i < forecast.horizon(); i++) {
      int before = out.length();
      out.append(series);
      int fieldsStart = out.length();
      field(out, fieldsStart, InfluxSchema.MEAN, forecast.mean()[i]);
      field(out, fieldsStart, InfluxSchema.P50, forecast.p50()[i]);
      field(out, fieldsStart, InfluxSchema.P90, forecast.p90()[i]);
      field(out, fieldsStart, InfluxSchema.P99, forecast.p99()[i]);
      if (out.length() == fieldsStart) {
        out.setLength(before); // nothing forecast for this step
        continue;
      }
      out.append(',').append(InfluxSchema.LEAD).append('=');
      LineProtocol.appendInteger(out, i + 1).append(',').append(InfluxSchema.STEP_MS).append('=');
      LineProtocol.appendInteger(out, forecast.stepMillis()).append(',').append(InfluxSchema.ORIGIN_MS).append('=');
      LineProtocol.appendInteger(out, forecast.startMillis());
      out.append(' ').append(precision.timestamp(forecast.timeMillis(i))).append('\n');
      points++;
    }
    return points;
  }

  private static void field(StringBuilder out, int fieldsStart, String name, double value) {
    if (Double.isNaN(value)) {
      return;
    }
    if (out.length() > fieldsStart) {
      out.append(',');
    }
    LineProtocol.appendFloat(out.append(name).append('='), name, value);
  }

  public InfluxEndpoint endpoint() {
    return endpoint;
  }

  @Override
  public void close() {
    client.close();
  }
}
