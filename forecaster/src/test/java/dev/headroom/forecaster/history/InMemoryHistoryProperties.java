/*
 * Headroom: predictive adaptive throttling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
package dev.headroom.forecaster.history;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Against a naive reference: every recorded interval summed per step, NaN where none fell. */
class InMemoryHistoryProperties {

  private static final long RES = 10_000;

  @Property(tries = 300)
  void readsAreSumsOfRecordsPerStep(
      @ForAll @Size(max = 60) List<@IntRange(min = 0, max = 59) Integer> intervals,
      @ForAll @IntRange(min = 0, max = 1_000) int count,
      @ForAll @IntRange(min = 1, max = 7) int perStep,
      @ForAll @IntRange(min = -3, max = 3) int originSteps) {
    // Origins off the step grid too: the range then starts before the first recorded interval.
    long origin = 1_704_067_200_000L + originSteps * RES * 7;
    InMemoryHistory h = new InMemoryHistory(Duration.ofMillis(RES), Duration.ofMillis(RES * 60), 4);
    double[] perInterval = new double[60];
    boolean[] recorded = new boolean[60];
    for (int n : intervals) {
      h.record("k", origin + n * RES + n % 10, count + n, 0, 0, 0, 0);
      perInterval[n] += count + n;
      recorded[n] = true;
    }
    long step = RES * perStep;
    Instant from = Instant.ofEpochMilli(origin);
    Instant to = Instant.ofEpochMilli(origin + 60 * RES);
    StepRange range = StepRange.of(from, to, Duration.ofMillis(step));
    double[] expected = new double[range.count()];
    for (int i = 0; i < expected.length; i++) {
      double sum = 0;
      boolean any = false;
      for (int j = 0; j < perStep; j++) {
        long n = (range.timeMillis(i) - origin) / RES + j;
        if (n >= 0 && n < 60 && recorded[(int) n]) {
          sum += perInterval[(int) n];
          any = true;
        }
      }
      expected[i] = any ? sum : Double.NaN;
    }
    assertArrayEquals(expected, h.requests("k", from, to, Duration.ofMillis(step)).values());
  }
}
