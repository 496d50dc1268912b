/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.forecaster.influx;

/** A write to InfluxDB failed (server down, timeout, refused points); the message says where and what. */
public final class InfluxWriteException extends RuntimeException {

  public InfluxWriteException(String message, Throwable cause) {
    super(message, cause);
  }
}
