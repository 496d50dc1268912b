/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.forecaster.history;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.forecaster.series.RateSeries;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class InMemoryHistoryTest {

  private static final double NaN = Double.NaN;
  private static final long T0 = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
  private static final Duration TEN_S = Duration.ofSeconds(10);

  private static InMemoryHistory history() {
    return new InMemoryHistory(TEN_S, Duration.ofMinutes(10), 100);
  }

  private static RateSeries read(InMemoryHistory h, String key, long fromMillis, long toMillis, Duration step) {
    return h.requests(key, Instant.ofEpochMilli(fromMillis), Instant.ofEpochMilli(toMillis), step);
  }

  @Test
  void missingStaysMissingAndZeroStaysZero() {
    InMemoryHistory h = history();
    h.record("k", T0, 5, 5, 0, 1, 5);
    h.record("k", T0 + 10_000, 0, 0, 0, 0, 0);
    // T0 + 20 s: nothing recorded.
    h.record("k", T0 + 30_000 + 1_234, 7, 6, 1, 2, 6);
    RateSeries s = read(h, "k", T0, T0 + 40_000, TEN_S);
    assertEquals(RateSeries.ofMillis(T0, 10_000, new double[] {5, 0, NaN, 7}), s);
  }

  @Test
  void anUnknownKeyIsAllMissing() {
    RateSeries s = read(history(), "nobody", T0, T0 + 30_000, TEN_S);
    assertEquals(3, s.size());
    assertEquals(3, s.missingCount());
  }

  @Test
  void coarserStepsSumWhatWasRecordedAndAreMissingOnlyWhenNothingWas() {
    InMemoryHistory h = history();
    for (int i = 0; i < 12; i++) {
      if (i < 6 || i == 7) {
        h.record("k", T0 + 10_000L * i, i, i, 0, 0, 0);
      }
    }
    // Minute 1 has only interval 7 recorded: its sum is a partial count, as InfluxDB's sum() would give.
    RateSeries s = read(h, "k", T0, T0 + 180_000, Duration.ofMinutes(1));
    assertArrayEquals(new double[] {0 + 1 + 2 + 3 + 4 + 5, 7, NaN}, s.values());
  }

  @Test
  void recordingTheSameIntervalTwiceAddsUp() {
    InMemoryHistory h = history();
    h.record("k", T0 + 1_000, 2, 2, 0, 10, 2);
    h.record("k", T0 + 9_000, 3, 1, 2, 5, 1);
    assertEquals(Optional.of(new TelemetryPoint("k", T0, 5, 3, 2, 15, 3)), h.interval("k", T0 + 5_000));
    assertEquals(Optional.empty(), h.interval("k", T0 + 10_000));
    assertEquals(Optional.empty(), h.interval("other", T0));
  }

  @Test
  void theRingForgetsWhatIsOlderThanTheRetention() {
    InMemoryHistory h = new InMemoryHistory(TEN_S, Duration.ofSeconds(30), 10); // 3 intervals
    for (int i = 0; i < 5; i++) {
      assertTrue(h.record("k", T0 + 10_000L * i, 1 + i, 0, 0, 0, 0));
    }
    assertArrayEquals(new double[] {NaN, NaN, 3, 4, 5}, read(h, "k", T0, T0 + 50_000, TEN_S).values());
    // Too old to keep: would sit outside the window of the newest three intervals.
    assertFalse(h.record("k", T0 + 10_000, 9, 0, 0, 0, 0));
    assertEquals(1, h.droppedRecords());
    assertArrayEquals(new double[] {NaN, NaN, 3, 4, 5}, read(h, "k", T0, T0 + 50_000, TEN_S).values());
  }

  @Test
  void newKeysBeyondTheLimitAreDroppedAndCounted() {
    InMemoryHistory h = new InMemoryHistory(TEN_S, Duration.ofMinutes(1), 2);
    assertTrue(h.record("a", T0, 1, 1, 0, 0, 0));
    assertTrue(h.record("b", T0, 1, 1, 0, 0, 0));
    assertFalse(h.record("c", T0, 1, 1, 0, 0, 0));
    assertTrue(h.record("a", T0 + 10_000, 1, 1, 0, 0, 0));
    assertEquals(2, h.keyCount());
    assertEquals(1, h.droppedRecords());
  }

  @Test
  void refusesStepsThatAreNotWholeIntervalsAndBadConfiguration() {
    InMemoryHistory h = history();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> read(h, "k", T0, T0 + 60_000, Duration.ofSeconds(15)));
    assertEquals("step PT15S is not a whole multiple of this history's resolution PT10S", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new InMemoryHistory(TEN_S, Duration.ofSeconds(25), 1));
    assertThrows(IllegalArgumentException.class, () -> new InMemoryHistory(Duration.ZERO, TEN_S, 1));
    assertThrows(IllegalArgumentException.class, () -> new InMemoryHistory(TEN_S, TEN_S, 0));
  }

  @Test
  void concurrentRecordsAreAllCounted() throws Exception {
    InMemoryHistory h = new InMemoryHistory(TEN_S, Duration.ofHours(1), 100);
    int threads = 4;
    int perThread = 20_000;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        done.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < perThread; i++) {
            h.record("k" + (i % 3), T0 + 10_000L * (i % 360), 1, 1, 0, 0, 0);
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    double total = 0;
    for (int k = 0; k < 3; k++) {
      for (double v : read(h, "k" + k, T0, T0 + 3_600_000, Duration.ofHours(1)).values()) {
        total += v;
      }
    }
    assertEquals((double) threads * perThread, total);
    assertEquals(0, h.droppedRecords());
  }
}
