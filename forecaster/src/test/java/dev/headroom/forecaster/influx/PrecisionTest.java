/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.forecaster.influx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PrecisionTest {

  private static final long T0 = 1_704_067_200_000L; // 2024-01-01T00:00:00Z

  @Test
  void picksTheCoarsestUnitExactForTheWholeGrid() {
    assertEquals(Precision.HOURS, Precision.forGrid(T0, 3_600_000));
    assertEquals(Precision.MINUTES, Precision.forGrid(T0, 60_000));
    assertEquals(Precision.MINUTES, Precision.forGrid(T0 + 60_000, 3_600_000));
    assertEquals(Precision.SECONDS, Precision.forGrid(T0, 10_000));
    assertEquals(Precision.SECONDS, Precision.forGrid(T0 + 1_000, 60_000));
    assertEquals(Precision.MILLISECONDS, Precision.forGrid(T0, 250));
    assertEquals(Precision.MILLISECONDS, Precision.forGrid(T0 + 1, 60_000));
    assertEquals(Precision.SECONDS, Precision.forGrid(-10_000, 10_000));
  }

  @Test
  void timestampsAreInTheUnit() {
    assertEquals(T0 / 1000, Precision.SECONDS.timestamp(T0));
    assertEquals(T0 / 3_600_000, Precision.HOURS.timestamp(T0));
    assertEquals(TimeUnit.MINUTES, Precision.MINUTES.unit());
  }

  @Test
  void finerOfTwoIsExactForBoth() {
    assertEquals(Precision.SECONDS, Precision.HOURS.finer(Precision.SECONDS));
    assertEquals(Precision.SECONDS, Precision.SECONDS.finer(Precision.MINUTES));
    assertEquals(Precision.MILLISECONDS, Precision.forTime(T0 + 5).finer(Precision.forTime(T0)));
    assertEquals(Precision.HOURS, Precision.forTime(T0));
  }
}
