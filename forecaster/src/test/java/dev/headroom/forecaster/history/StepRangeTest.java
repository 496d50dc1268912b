/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.forecaster.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StepRangeTest {

  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

  @Test
  void bothEndsRoundDownToWholeSteps() {
    StepRange r = StepRange.of(T0.plusSeconds(75), T0.plusSeconds(310), Duration.ofMinutes(1));
    assertEquals(T0.plusSeconds(60).toEpochMilli(), r.startMillis());
    assertEquals(T0.plusSeconds(300).toEpochMilli(), r.endMillis());
    assertEquals(4, r.count());
  }

  @Test
  void anIntervalInProgressIsNotPartOfTheRange() {
    assertEquals(0, StepRange.of(T0.plusSeconds(1), T0.plusSeconds(59), Duration.ofMinutes(1)).count());
    assertEquals(1, StepRange.of(T0, T0.plusSeconds(60), Duration.ofMinutes(1)).count());
  }

  @Test
  void chunksCoverTheRangeInOrder() {
    StepRange r = StepRange.of(T0, T0.plusSeconds(100), Duration.ofSeconds(10));
    List<StepRange> chunks = r.chunks(3);
    assertEquals(List.of(3, 3, 3, 1), chunks.stream().map(StepRange::count).toList());
    long t = r.startMillis();
    for (StepRange c : chunks) {
      assertEquals(t, c.startMillis());
      t = c.endMillis();
    }
    assertEquals(r.endMillis(), t);
    assertEquals(List.of(r), r.chunks(10));
    assertEquals(List.of(), StepRange.of(T0, T0, Duration.ofSeconds(1)).chunks(5));
  }

  @Test
  void refusesBadArguments() {
    assertThrows(IllegalArgumentException.class, () -> StepRange.of(T0, T0.minusSeconds(1), Duration.ofSeconds(1)));
    assertThrows(IllegalArgumentException.class, () -> StepRange.of(T0, T0, Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> StepRange.of(T0, T0, Duration.ofNanos(1_500_000)));
    assertThrows(IllegalArgumentException.class,
        () -> StepRange.of(Instant.EPOCH, Instant.EPOCH.plus(Duration.ofDays(30)), Duration.ofMillis(1)));
    assertThrows(IllegalArgumentException.class, () -> StepRange.of(T0, T0, Duration.ofSeconds(1)).chunks(0));
  }

  @Test
  void beforeTheEpochRoundsDownToo() {
    StepRange r = StepRange.of(Instant.ofEpochMilli(-1), Instant.ofEpochMilli(1), Duration.ofSeconds(1));
    assertEquals(-1000, r.startMillis());
    assertEquals(1, r.count());
  }
}
