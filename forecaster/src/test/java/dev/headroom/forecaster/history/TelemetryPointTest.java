/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.forecaster.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TelemetryPointTest {

  @Test
  void meanLatencyIsDerivedFromSumAndCount() {
    assertEquals(2.5, new TelemetryPoint("k", 0, 4, 4, 0, 10, 4).meanLatencyMillis());
    assertTrue(Double.isNaN(TelemetryPoint.requestsOnly("k", 0, 3).meanLatencyMillis()));
  }

  @Test
  void refusesNegativeCountsAndBadLatencyNamingTheField() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new TelemetryPoint("k", 0, 1, -1, 0, 0, 0));
    assertEquals("admitted of key k must not be negative, got -1", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new TelemetryPoint("k", 0, 1, 1, 0, Double.NaN, 0));
    assertThrows(IllegalArgumentException.class, () -> new TelemetryPoint("k", 0, 1, 1, 0, -1, 0));
    assertThrows(IllegalArgumentException.class, () -> new TelemetryPoint("k", 0, 1, 1, 0, 1, -1));
    assertThrows(IllegalArgumentException.class, () -> new TelemetryPoint("", 0, 1, 1, 0, 0, 0));
    assertThrows(NullPointerException.class, () -> new TelemetryPoint(null, 0, 1, 1, 0, 0, 0));
  }
}
