/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.forecaster.influx;

/**
 * What one import did.
 *
 * @param points  points written
 * @param skipped missing intervals (NaN) left unwritten, so they stay missing
 * @param batches HTTP writes made
 * @param millis  wall time of the import, building lines included
 */
public record ImportResult(long points, long skipped, int batches, long millis) {

  /** Points written per second of wall time. */
  public double pointsPerSecond() {
    return millis == 0 ? Double.POSITIVE_INFINITY : points * 1000.0 / millis;
  }
}
