package dev.headroom.bench.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PacingTest {

  @Test
  void aTypicalRateKeepsTheConnectionsAndPausesTheRest() {
    // 10,000/s over 64 connections: 6.4 ms per request per connection, 0.3 of it the response
    Pacing p = Pacing.initial(10_000, 0.3, 2);
    assertEquals(new Pacing(64, 6), p);
    assertEquals(10_000, p.connections() * 1000.0 / (p.delayMillis() + 0.3), 600);
  }

  @Test
  void aRateTooHighForAOneMillisecondPauseAddsConnections() {
    Pacing p = Pacing.initial(100_000, 0.3, 2);
    assertEquals(1, p.delayMillis());
    assertEquals(130, p.connections()); // 100,000 * 1.3 ms
  }

  @Test
  void aLowRateCapsThePauseAndUsesFewerConnections() {
    Pacing p = Pacing.initial(100, 0.3, 2);
    assertEquals(Pacing.MAX_DELAY_MILLIS, p.delayMillis());
    assertEquals(20, p.connections());
    assertEquals(2, Pacing.initial(1, 0.3, 2).connections(), "never fewer connections than wrk threads");
  }

  @Test
  void calibrationScalesTheConnectionsAndKeepsThePause() {
    Pacing p = new Pacing(64, 6);
    assertEquals(new Pacing(80, 6), p.toward(8_000, 10_000, 2));
    assertEquals(new Pacing(2, 6), p.toward(1_000_000, 10, 2));
    assertThrows(IllegalArgumentException.class, () -> p.toward(0, 10_000, 2));
  }

  @Test
  void nearMeansWithinTenPercent() {
    assertTrue(Pacing.near(9_000, 10_000));
    assertTrue(Pacing.near(11_000, 10_000));
    assertFalse(Pacing.near(8_999, 10_000));
    assertFalse(Pacing.near(11_001, 10_000));
  }

  @Test
  void nonsenseIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> Pacing.initial(0, 0.3, 2));
    assertThrows(IllegalArgumentException.class, () -> Pacing.initial(Double.NaN, 0.3, 2));
    assertThrows(IllegalArgumentException.class, () -> new Pacing(0, 5));
    assertThrows(IllegalArgumentException.class, () -> new Pacing(5, 0));
  }
}
