/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.forecaster.influx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class InfluxEndpointTest {

  @Test
  void badEndpointsAreRefusedUpFront() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> InfluxEndpoint.of("127.0.0.1:8086", "db"));
    assertTrue(e.getMessage().startsWith("InfluxDB URL \"127.0.0.1:8086\" must be http:// or https:// with a "
        + "host, e.g. http://127.0.0.1:8086"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> InfluxEndpoint.of("ftp://127.0.0.1", "db"));
    assertThrows(IllegalArgumentException.class, () -> InfluxEndpoint.of("http://a b", "db"));
    assertThrows(IllegalArgumentException.class, () -> InfluxEndpoint.of("http://127.0.0.1:8086", " "));
    assertThrows(IllegalArgumentException.class,
        () -> new InfluxEndpoint("http://127.0.0.1:8086", "db", Duration.ZERO, Duration.ofSeconds(1)));
  }

  @Test
  void describesItselfForErrorMessages() {
    assertEquals("InfluxDB at http://127.0.0.1:8086, database \"calls\"",
        InfluxEndpoint.of("http://127.0.0.1:8086", "calls").describe());
  }
}
