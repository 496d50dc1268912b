/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.forecaster.influx;

import java.util.concurrent.TimeUnit;

/**
 * Timestamp precision of a write. Points on a regular grid are written at the coarsest unit that
 * holds every one of their times exactly: shorter lines to build, send and parse than nanoseconds.
 */
enum Precision {
  HOURS(3_600_000L, TimeUnit.HOURS),
  MINUTES(60_000L, TimeUnit.MINUTES),
  SECONDS(1_000L, TimeUnit.SECONDS),
  MILLISECONDS(1L, TimeUnit.MILLISECONDS);

  private final long unitMillis;
  private final TimeUnit unit;

  Precision(long unitMillis, TimeUnit unit) {
    this.unitMillis = unitMillis;
    this.unit = unit;
  }

  /** The coarsest precision exact for {@code startMillis + k * stepMillis} for every k. */
  static Precision forGrid(long startMillis, long stepMillis) {
    for (Precision p : values()) {
      if (Math.floorMod(startMillis, p.unitMillis) == 0 && stepMillis % p.unitMillis == 0) {
        return p;
      }
    }
    throw new AssertionError("milliseconds divide everything");
  }

  /** The coarsest precision exact for {@code millis}. */
  static Precision forTime(long millis) {
    return forGrid(millis, HOURS.unitMillis);
  }

  /** The finer of the two: exact wherever either is. */
  Precision finer(Precision other) {
    return ordinal() >= other.ordinal() ? this : other;
  }

  /** {@code millis} in this unit; exact for times on the grid this precision was chosen for. */
  long timestamp(long millis) {
    return Math.floorDiv(millis, unitMillis);
  }

  TimeUnit unit() {
    return unit;
  }
}
