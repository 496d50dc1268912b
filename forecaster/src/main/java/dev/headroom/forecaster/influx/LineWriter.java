/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.forecaster.influx;

import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBException;

/**
 * Posts line-protocol batches to one endpoint and turns client failures into
 * {@link InfluxWriteException}s that name the server, the database and what was being written.
 */
final class LineWriter {

  private final InfluxEndpoint endpoint;
  private final InfluxDB client;

  LineWriter(InfluxEndpoint endpoint, InfluxDB client) {
    this.endpoint = endpoint;
    this.client = client;
  }

  /**
   * Writes {@code points} lines held in {@code lines} (newline-separated) at {@code precision}.
   *
   * @param what for the error message, e.g. {@code "calls of key \"k\" from ... to ..."}
   */
  void write(CharSequence lines, int points, Precision precision, String what) {
    if (points == 0) {
      return;
    }
    try {
      send(lines, precision);
    } catch (InfluxDBException.DatabaseNotFoundException missing) {
      // A fresh influxd has no database; CREATE DATABASE is idempotent, so create it and write again.
      InfluxDatabase.create(endpoint, client);
      try {
        send(lines, precision);
      } catch (InfluxDBException e) {
        throw failed(points, what, e);
      }
    } catch (InfluxDBException e) {
      throw failed(points, what, e);
    }
  }

  private void send(CharSequence lines, Precision precision) {
    client.write(endpoint.database(), "", InfluxDB.ConsistencyLevel.ONE, precision.unit(), lines.toString());
  }

  private InfluxWriteException failed(int points, String what, InfluxDBException e) {
    return new InfluxWriteException("writing " + points + " points (" + what + ") to " + endpoint.describe()
        + " failed: " + InfluxErrors.reason(e), e);
  }
}
